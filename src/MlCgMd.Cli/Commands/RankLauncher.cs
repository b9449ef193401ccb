using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace MlCgMd.Cli.Commands;

/// <summary>Where the ranks of a data-parallel run are and how they meet (torchrun's --nproc-per-node, --nnodes, --node-rank, --master-addr, --master-port).</summary>
internal sealed record RankLayout(int ProcessesPerNode, int Nodes, int NodeRank, string MasterAddress, int MasterPort)
{
    public int WorldSize => ProcessesPerNode * Nodes;

    public void Validate()
    {
        if (ProcessesPerNode < 1) throw new ArgumentException($"--nproc must be at least 1, got {ProcessesPerNode}");
        if (Nodes < 1) throw new ArgumentException($"--nnodes must be at least 1, got {Nodes}");
        if (NodeRank < 0 || NodeRank >= Nodes) throw new ArgumentException($"--node-rank must be in [0, {Nodes}), got {NodeRank}");
        if (MasterPort is < 1 or > 65535) throw new ArgumentException($"--master-port must be 1..65535, got {MasterPort}");
    }

    /// <summary>A free TCP port on this machine for a one-node run (what torchrun does for --standalone).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>
/// Starts this node's ranks as child processes of this program, each with the environment torchrun
/// gives its workers (RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, GROUP_RANK, MASTER_ADDR,
/// MASTER_PORT), and waits for them. When one fails the others are stopped: they would otherwise
/// wait for it in their next collective until the group's timeout.
/// </summary>
internal static class RankLauncher
{
    public static int Run(RankLayout layout, IReadOnlyList<string> verbArguments)
    {
        layout.Validate();
        var processes = new List<Process>();
        try
        {
            for (int local = 0; local < layout.ProcessesPerNode; local++)
                processes.Add(Process.Start(StartInfo(layout, local, verbArguments))
                              ?? throw new InvalidOperationException("could not start a rank process"));
            var waiting = processes.ToDictionary(p => p.WaitForExitAsync(), p => p);
            while (waiting.Count > 0)
            {
                Task done = Task.WhenAny(waiting.Keys).Result;
                Process exited = waiting[done];
                waiting.Remove(done);
                if (exited.ExitCode != 0)
                {
                    int rank = layout.NodeRank * layout.ProcessesPerNode + processes.IndexOf(exited);
                    Console.Error.WriteLine($"mlcgmd: rank {rank} exited with code {exited.ExitCode}; stopping the other ranks");
                    return exited.ExitCode;
                }
            }
            return 0;
        }
        finally
        {
            foreach (Process p in processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.Dispose();
            }
        }
    }

    private static ProcessStartInfo StartInfo(RankLayout layout, int localRank, IReadOnlyList<string> verbArguments)
    {
        // Run through `dotnet mlcgmd.dll` when this process was (dotnet run, dotnet mlcgmd.dll), else the apphost.
        string program = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown");
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly"));
        foreach (string argument in verbArguments) start.ArgumentList.Add(argument);
        start.Environment["RANK"] = (layout.NodeRank * layout.ProcessesPerNode + localRank).ToString();
        start.Environment["LOCAL_RANK"] = localRank.ToString();
        start.Environment["WORLD_SIZE"] = layout.WorldSize.ToString();
        start.Environment["LOCAL_WORLD_SIZE"] = layout.ProcessesPerNode.ToString();
        start.Environment["GROUP_RANK"] = layout.NodeRank.ToString();
        start.Environment["MASTER_ADDR"] = layout.MasterAddress;
        start.Environment["MASTER_PORT"] = layout.MasterPort.ToString();
        return start;
    }
}
