using TypedFga.Flushing;
using Xunit.Abstractions;

namespace TypedFga.Runtime.Tests.Flushing;

/// <summary>Lease owner ids and the judgement of whether the process behind one has ended.</summary>
public sealed class ProcessIdentityTests(ITestOutputHelper output)
{
    private static ProcessIdentity Self => ProcessIdentity.Current;

    [Fact]
    public void This_process_is_described_by_machine_pid_and_a_start_stamp_that_reads_the_same_every_time()
    {
        Assert.StartsWith(Environment.MachineName, Self.Machine, StringComparison.Ordinal);
        Assert.Equal(Environment.ProcessId, Self.ProcessId);
        Assert.True(Self.HasKnownStart);
        Assert.Equal(Self.Started, ProcessTable.ReadStart(Environment.ProcessId));
        Assert.Equal(Self, ProcessTable.DescribeCurrent());
    }

    [Theory]
    [InlineData("pid:[4026531836]", "web-01")]
    [InlineData("pid:[4026532451]", "web-01+pidns:4026532451")]
    public void On_Linux_a_pid_namespace_other_than_the_hosts_is_part_of_the_machine(string pidNamespace, string machine)
    {
        Assert.Equal(machine, ProcessTable.MachineScope("web-01", pidNamespace));
    }

    [Fact]
    public void An_owner_id_reads_back_as_its_process()
    {
        var instance = Self.NewInstanceId();
        var owner = instance + "/42";

        Assert.StartsWith(Self.OwnerPrefix, owner, StringComparison.Ordinal);
        Assert.NotEqual(instance, Self.NewInstanceId());
        Assert.True(ProcessIdentity.TryParseOwner(owner, out var parsed));
        Assert.Equal(Self, parsed);
    }

    [Theory]
    [InlineData("rack/7/web-01")]
    [InlineData("web-01+pidns:4026532451")]
    public void The_machine_is_whatever_precedes_the_last_four_parts(string machine)
    {
        var owner = $"{machine}/4711/123456/{Guid.NewGuid():N}/3";

        Assert.True(ProcessIdentity.TryParseOwner(owner, out var parsed));
        Assert.Equal(new ProcessIdentity(machine, 4711, "123456"), parsed);
    }

    [Theory]
    [InlineData("crashed-process")]
    [InlineData("web-01/4711/0123456789abcdef0123456789abcdef/3")] // the shape before the start stamp was added
    [InlineData("web-01/0/123456/0123456789abcdef0123456789abcdef/3")]
    [InlineData("web-01/-5/123456/0123456789abcdef0123456789abcdef/3")]
    [InlineData("web-01/4711//0123456789abcdef0123456789abcdef/3")]
    [InlineData("web-01/4711/123456/not-a-guid/3")]
    [InlineData("web-01/4711/123456/0123456789abcdef0123456789abcdef/next")]
    [InlineData("/4711/123456/0123456789abcdef0123456789abcdef/3")]
    public void Owner_ids_of_any_other_shape_are_not_read(string owner)
    {
        Assert.False(ProcessIdentity.TryParseOwner(owner, out var parsed));
        Assert.Null(parsed);
    }

    [Fact]
    public void This_process_is_not_gone()
    {
        Assert.False(ProcessTable.IsGone(Self, Self));
        Assert.True(ProcessIdentity.TryParseOwner(Self.NewInstanceId() + "/1", out var otherFlusherHere));
        Assert.False(ProcessTable.IsGone(otherFlusherHere, Self));
    }

    [Fact]
    public void A_process_id_that_names_no_process_is_gone()
    {
        // No system hands out this id: Linux caps ids at 2^22, Windows uses multiples of four.
        Assert.True(ProcessTable.IsGone(Self with { ProcessId = int.MaxValue, Started = "1" }, Self));
    }

    [Fact]
    public void A_process_id_now_held_by_a_process_that_started_at_another_time_is_gone()
    {
        Assert.True(ProcessTable.IsGone(Self with { Started = Self.Started + "0" }, Self));
    }

    [Fact]
    public void Another_running_process_is_gone_only_when_its_start_differs()
    {
        // Process 1 runs for as long as the system (or container) does.
        if (ProcessTable.ReadStart(1) is not { } started)
        {
            output.WriteLine("Process 1's start cannot be read on this system; nothing to compare.");
            return;
        }

        Assert.False(ProcessTable.IsGone(Self with { ProcessId = 1, Started = started }, Self));
        Assert.True(ProcessTable.IsGone(Self with { ProcessId = 1, Started = started + "0" }, Self));
    }

    [Fact]
    public void Nothing_is_judged_across_machines_or_without_a_known_start()
    {
        var ended = Self with { ProcessId = int.MaxValue, Started = "1" };

        Assert.False(ProcessTable.IsGone(ended with { Machine = "another-machine" }, Self));
        Assert.False(ProcessTable.IsGone(ended with { Machine = Self.Machine + "+pidns:4026532451" }, Self));
        Assert.False(ProcessTable.IsGone(ended with { Started = ProcessIdentity.UnknownStart }, Self));
        Assert.False(ProcessTable.IsGone(ended, Self with { Started = ProcessIdentity.UnknownStart }));
    }
}
