using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Cluster;

/// <summary>One <see cref="ClusterNodeChild"/> process, with what it has acknowledged so far.</summary>
internal sealed class ClusterNodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<AcknowledgedOperation> _acknowledged = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;
    private readonly Task<string> _errors;

    private ClusterNodeProcess(Process process)
    {
        _process = process;
        _reading = Task.Run(ReadAsync);
        _errors = process.StandardError.ReadToEndAsync();
    }

    public int ProcessId => _process.Id;

    public IReadOnlyCollection<AcknowledgedOperation> Acknowledged => _acknowledged;

    /// <summary>Completes when the node has acknowledged all its operations.</summary>
    public Task Done => _done.Task;

    public static ClusterNodeProcess Start(string connectionString, string storeId, Uri server, int operations, int seed, int tuples)
    {
        var start = new ProcessStartInfo(DotnetProcess.Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            typeof(ClusterNodeChild).Assembly.Location, ClusterNodeChild.Command, connectionString, storeId, server.ToString(),
            operations.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture), tuples.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        return new ClusterNodeProcess(Process.Start(start)!);
    }

    /// <summary>SIGKILL: the process gets no chance to flush, release or close anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _reading;
    }

    /// <summary>Asks the node to stop as a host does and waits for it; returns its exit code and standard error.</summary>
    public async Task<(int ExitCode, string Errors)> StopAsync(TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        await _reading;
        return (_process.ExitCode, await _errors);
    }

    public async Task<string> ErrorsSoFarAsync() => _process.HasExited ? await _errors : "(still running)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "done")
            {
                _done.TrySetResult();
            }
            else if (line.Split(' ') is ["ack", var sequence, var kind, var user])
            {
                _acknowledged.Enqueue(new AcknowledgedOperation(
                    long.Parse(sequence, CultureInfo.InvariantCulture), kind == "grant", ClusterNodeChild.Tuple(int.Parse(user, CultureInfo.InvariantCulture)).ToString()));
            }
        }

        _done.TrySetException(new InvalidOperationException("the node's output ended before it said done"));
    }
}

/// <summary>An operation a node's caller saw acknowledged.</summary>
internal sealed record AcknowledgedOperation(long Sequence, bool Grant, string Tuple);
