using TypedFga.Pipeline.Tests.EndToEnd;

namespace TypedFga.Pipeline.Tests;

/// <summary>
/// The test assembly's entry point. The test runner never calls it; the durability and killed-flusher tests start
/// the assembly as a child process with a command, and that child is killed while it runs.
/// </summary>
public static class ChildProcessEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [DurabilityChild.Command, .. var rest])
        {
            return await DurabilityChild.RunAsync(rest);
        }

        if (args is [KilledFlusherChild.Command, .. var flusherArgs])
        {
            return await KilledFlusherChild.RunAsync(flusherArgs);
        }

        if (args is [Cluster.ClusterNodeChild.Command, .. var nodeArgs])
        {
            return await Cluster.ClusterNodeChild.RunAsync(nodeArgs);
        }

        await Console.Error.WriteLineAsync("Run this assembly's tests with dotnet test.");
        return 2;
    }
}
