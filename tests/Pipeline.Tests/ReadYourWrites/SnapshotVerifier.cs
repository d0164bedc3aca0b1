using System.Text;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

public enum VerdictKind
{
    /// <summary>The answer is the reference's for some state the snapshot rule admits.</summary>
    Verified,

    /// <summary>Denied, though every admitted state allows.</summary>
    FalseDenial,

    /// <summary>Allowed, though every admitted state denies.</summary>
    StaleAllow,

    /// <summary>Too many writes overlapped the check to try every admitted state.</summary>
    Unverifiable,
}

public sealed record Verdict(VerdictKind Kind, bool Expected, int States, string? Detail = null);

/// <summary>
/// Judges a check against the snapshot rule: writes acknowledged before it began are applied; writes started before
/// it ended but not acknowledged before it began may or may not be (any subset, in their order); later writes are
/// not. The answer must be the reference's answer for one of those states. Since every tuple has one writer, the
/// state of a tuple is its last applied write, so the admitted states are, per tuple, its certain value or the value
/// of any of its uncertain writes; only tuples that can reach the checked relation are varied.
/// </summary>
public sealed class SnapshotVerifier
{
    /// <summary>The most states tried for one check; beyond it the check counts as unverifiable.</summary>
    public const int MaxStates = 4096;

    private readonly ModelUniverse _universe;
    private readonly IReadOnlyList<WriteRecord>[] _writes;
    private readonly Dictionary<(string Object, string Relation), int[]> _index;

    /// <summary>Takes the history's writes as they are now: call it once the callers have stopped.</summary>
    public SnapshotVerifier(ModelUniverse universe, SnapshotHistory history)
    {
        _universe = universe;
        _writes = universe.Slots.Select(slot => history.WritesOf(slot.Index)).ToArray();
        _index = universe.Slots
            .GroupBy(slot => (slot.Object, slot.Relation))
            .ToDictionary(group => group.Key, group => group.Select(slot => slot.Index).ToArray());
    }

    /// <summary>The reference's answer for <paramref name="check"/> with every slot as <paramref name="state"/> has it.</summary>
    public bool Answer(CheckCase check, int[] state) =>
        _universe.Reference.Check(new StateTuples(_universe, _index, state), check.User, check.Relation, check.Object, check.Context);

    public Verdict Verify(CheckRecord record)
    {
        var check = _universe.Checks[record.Check];
        var dependencies = _universe.Reference.Dependencies(ReferenceModel.TypeOf(check.Object), check.Relation);
        var state = new int[_universe.Slots.Count];
        var varied = new List<(int Slot, int[] Values)>();
        var uncertain = new List<WriteRecord>();
        var states = 1L;
        foreach (var slot in _universe.Slots)
        {
            var writes = _writes[slot.Index];
            var certain = CountAcknowledged(writes, record.AcknowledgedBefore);
            state[slot.Index] = certain == 0 ? -1 : writes[certain - 1].Variant;
            if (!dependencies.Contains((ReferenceModel.TypeOf(slot.Object), slot.Relation)))
            {
                continue;
            }

            var values = new List<int> { state[slot.Index] };
            for (var i = certain; i < writes.Count && writes[i].Started <= record.StartedBefore; i++)
            {
                uncertain.Add(writes[i]);
                if (!values.Contains(writes[i].Variant))
                {
                    values.Add(writes[i].Variant);
                }
            }

            if (values.Count > 1)
            {
                varied.Add((slot.Index, values.ToArray()));
                states *= values.Count;
            }
        }

        var expected = Answer(check, state);
        if (states > MaxStates)
        {
            return new Verdict(VerdictKind.Unverifiable, expected, (int)Math.Min(states, int.MaxValue));
        }

        var seenAllow = expected;
        var seenDeny = !expected;
        var choice = new int[varied.Count];
        var tried = 1;
        while (!(seenAllow && seenDeny) && Advance(choice, varied))
        {
            for (var i = 0; i < varied.Count; i++)
            {
                state[varied[i].Slot] = varied[i].Values[choice[i]];
            }

            if (Answer(check, state))
            {
                seenAllow = true;
            }
            else
            {
                seenDeny = true;
            }

            tried++;
        }

        if (record.Allowed ? seenAllow : seenDeny)
        {
            return new Verdict(VerdictKind.Verified, expected, tried);
        }

        for (var i = 0; i < varied.Count; i++)
        {
            state[varied[i].Slot] = varied[i].Values[0];
        }

        return new Verdict(
            record.Allowed ? VerdictKind.StaleAllow : VerdictKind.FalseDenial,
            expected,
            tried,
            Describe(record, check, expected, (int)states, state, dependencies, uncertain));
    }

    private string Describe(
        CheckRecord record, CheckCase check, bool expected, int states, int[] state, IReadOnlySet<(string Type, string Relation)> dependencies, List<WriteRecord> uncertain)
    {
        var text = new StringBuilder();
        text.Append($"round {record.Round}, caller {record.Caller}, operation {record.Operation}: check {check} answered {Answer(record.Allowed)}, expected {Answer(expected)}");
        text.Append($" (no state of the {states} the snapshot rule admits answers {Answer(record.Allowed)}).");
        text.Append($" It began after write #{record.AcknowledgedBefore} was acknowledged and ended before write #{record.StartedBefore + 1} started.");
        if (record.Path is not null)
        {
            text.Append($" The client's trace of it: {record.Path}.");
        }

        // The writes that decide the answer (changing the state one left changes it), else those whose tuples it
        // depends on and that were present when it began.
        var deciding = new List<string>();
        var present = new List<string>();
        foreach (var slot in _universe.Slots.Where(s => dependencies.Contains((ReferenceModel.TypeOf(s.Object), s.Relation))))
        {
            var kept = state[slot.Index];
            var decides = false;
            foreach (var other in Enumerable.Range(-1, slot.Variants.Count + 1).Where(v => v != kept))
            {
                state[slot.Index] = other;
                decides |= Answer(check, state) != expected;
            }

            state[slot.Index] = kept;
            var writes = _writes[slot.Index];
            var certain = CountAcknowledged(writes, record.AcknowledgedBefore);
            if (decides)
            {
                deciding.Add(certain == 0
                    ? $"{slot} never written before the check (absent)"
                    : Describe(writes[certain - 1]) + (certain > 1 ? $" (before it: {string.Join(", ", writes.Take(certain - 1).TakeLast(3).Select(Brief))})" : ""));
            }
            else if (kept >= 0)
            {
                present.Add(Describe(writes[certain - 1]));
            }
        }

        text.Append(" Writes that decide it alone: ").Append(deciding.Count == 0 ? "none" : string.Join("; ", deciding.Take(12))).Append('.');
        if (deciding.Count == 0)
        {
            text.Append(" Tuples it depends on, present when it began: ").Append(present.Count == 0 ? "none" : string.Join("; ", present.Take(12))).Append('.');
        }

        text.Append(" Writes in flight during it: ").Append(uncertain.Count == 0 ? "none" : string.Join("; ", uncertain.OrderBy(w => w.Started).Take(12).Select(Describe))).Append('.');
        return text.ToString();
    }

    public string Describe(WriteRecord write)
    {
        var slot = _universe.Slots[write.Slot];
        var what = write.Variant < 0 ? $"revoke {slot}" : $"grant {slot.Describe(write.Variant)}";
        return $"write #{write.Started} (acknowledged #{write.Acknowledged}) by caller {write.Caller}, operation {write.Operation} of round {write.Round}: {what}";
    }

    private string Brief(WriteRecord write) =>
        $"#{write.Started}/#{write.Acknowledged} {(write.Variant < 0 ? "revoke" : "grant" + Slot.DescribeCondition(_universe.Slots[write.Slot].Variants[write.Variant]))}";

    private static string Answer(bool allowed) => allowed ? "allowed" : "denied";

    // Writes of one slot are acknowledged in order: the certain ones are a prefix.
    private static int CountAcknowledged(IReadOnlyList<WriteRecord> writes, long acknowledgedBefore)
    {
        int low = 0, high = writes.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (writes[middle].Acknowledged <= acknowledgedBefore)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // The next combination of choices (an odometer); false once every one has been tried.
    private static bool Advance(int[] choice, List<(int Slot, int[] Values)> varied)
    {
        for (var i = 0; i < choice.Length; i++)
        {
            if (++choice[i] < varied[i].Values.Length)
            {
                return true;
            }

            choice[i] = 0;
        }

        return false;
    }

    private sealed class StateTuples(ModelUniverse universe, Dictionary<(string Object, string Relation), int[]> index, int[] state) : IReferenceTuples
    {
        public IEnumerable<ReferenceTuple> Read(string @object, string relation)
        {
            if (!index.TryGetValue((@object, relation), out var slots))
            {
                yield break;
            }

            foreach (var slot in slots)
            {
                if (state[slot] >= 0)
                {
                    var s = universe.Slots[slot];
                    yield return new ReferenceTuple(s.User, s.Variants[state[slot]]);
                }
            }
        }
    }
}
