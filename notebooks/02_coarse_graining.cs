#:project ../src/MlCgMd/MlCgMd.csproj
// Notebook 2 — coarse-graining: METIS clusters on a chain, the CG mapping, the CG graph.
using MlCgMd.CoarseGraining;
using MlCgMd.Model;
using MlCgMd.MolecularDynamics;
using MlCgMd.Reports;
using MlCgMd.Systems;
using MlCgMd.Torch;

bool full = args.Contains("--full");
string outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "notebooks/out";
var report = new HtmlReport("02 — Coarse-graining with METIS");

report.Section("One chain, one frame");
int monomers = full ? 60 : 30;
int cgLevel = 12;
ForceField forceField = ForceFieldLoader.Load("data/forcefields/amphiphilic-kg.json");
var system = PolymerSystem.FromSequence("example", string.Concat(Enumerable.Range(0, monomers).Select(k => k % 3 == 0 ? 'A' : 'B')));
MdTrajectory run = ChainEnsemble.RunOne(new ChainSystemSpec(system, 3), forceField, new MdRunOptions(20_000, 1_000, 1_000, 100));
float[] frame = run.Positions;                                                    // [N * 3], the last (only) frame
report.Paragraph($"A {system.BeadCount}-bead chain after a short equilibration. The fine bond graph (a comb: backbone " +
                 $"plus side chains) is partitioned by METIS (k-way, as the official chain setting) into round(n / cg_level) = " +
                 $"round({system.BeadCount} / {cgLevel}) parts. Atoms that are not bonded never share a bead.");

int[] bonds = system.Bonds.SelectMany(b => new[] { b.I, b.J }).ToArray();
var map = CoarseGrainMap.Create(system.BeadCount, bonds, weights: null, new CoarseGrainingOptions { CgLevel = cgLevel });
float[] centres = map.CenterOfMass(frame);

var clusters = new Axes { Title = "Fine beads coloured by CG bead (x-y projection)", XLabel = "x (σ)", YLabel = "y (σ)", Legend = LegendPosition.None };
for (int b = 0; b < map.BeadCount; b++)
{
    var members = Enumerable.Range(0, system.BeadCount).Where(a => map.Cluster[a] == b).ToList();
    clusters.Add(new ScatterSeries(members.Select(a => (double)frame[a * 3]).ToList(), members.Select(a => (double)frame[a * 3 + 1]).ToList())
        { Color = Palette.Color(b) });
}
var beads = new Axes { Title = "CG beads (centres of mass) and CG bonds", XLabel = "x (σ)", YLabel = "y (σ)", Legend = LegendPosition.None };
for (int k = 0; k < map.CgBonds.Length; k += 2)
{
    int i = map.CgBonds[k], j = map.CgBonds[k + 1];
    if (i < j)
        beads.Add(new LineSeries([centres[i * 3], centres[j * 3]], [centres[i * 3 + 1], centres[j * 3 + 1]]) { Color = "#888888" });
}
for (int b = 0; b < map.BeadCount; b++)
    beads.Add(new ScatterSeries([centres[b * 3]], [centres[b * 3 + 1]]) { Color = Palette.Color(b), MarkerRadius = 7 });
report.Figure(new Figure(clusters, beads) { Columns = 2 }, "Left: the METIS clusters. Right: the CG beads at their centres of mass, joined where a fine bond crosses between clusters.");

report.Table(["bead", "atoms", "weight", "x", "y", "z"], Enumerable.Range(0, map.BeadCount).Select(b => (IReadOnlyList<object?>)
    [b, map.BeadSizes[b], map.BeadWeights[b], centres[b * 3], centres[b * 3 + 1], centres[b * 3 + 2]]), "The CG mapping (unit masses).");

report.Section("The CG graph the Dynamics GNN reads");
using (torch.NewDisposeScope())
{
    Tensor positions = torch.tensor(centres, [map.BeadCount, 3]);
    Tensor cgBonds = torch.tensor(map.CgBonds.Select(v => (long)v).ToArray(), [map.CgBondCount, 2]);
    double radius = 6.0;
    var edges = Connectivity.Compute(positions, [map.BeadCount], radius, cgBonds);
    long[] types = edges.EdgeTypes.ToArray<long>();
    report.Paragraph($"Radius graph with r = {radius} σ (self-loops included, as torch_cluster's loop=True) united with the " +
                     $"{map.CgBondCount} directed CG bonds: {types.Length} edges, {types.Count(t => t == 1)} of type 1 " +
                     "(a bond within the radius). Edge features are the displacement / r, the distance / r and an embedding of the type. " +
                     "The paper's chain setting uses r = 200 σ, i.e. a fully connected graph.");
    var adjacency = new double[map.BeadCount * map.BeadCount];
    long[] s = edges.Senders.ToArray<long>(), r = edges.Receivers.ToArray<long>();
    for (int k = 0; k < s.Length; k++) adjacency[r[k] * map.BeadCount + s[k]] = 1 + types[k];
    var heat = new Axes { Title = "Edges: 0 none, 1 radius, 2 bond", XLabel = "sender", YLabel = "receiver" };
    heat.Add(new HeatMapSeries(adjacency, map.BeadCount, map.BeadCount) { ColorBarLabel = "edge type + 1" });
    report.Figure(new Figure(heat), "Adjacency of the CG graph.");
}

Directory.CreateDirectory(outDir);
string path = Path.Combine(outDir, "02_coarse_graining.html");
report.Save(path);
Console.WriteLine($"report: {path}");
