using MlCgMd.Model.Priors;
using MlCgMd.Torch;
using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>
/// The multi-scale graph-network simulator of Fu et al. (the official GraphSim + GNS + PnR):
/// an Embedding GNN on the fine bond graph, pooled into METIS beads with the batch's particle
/// weights; a dynamics network (<see cref="IDynamicsNetwork"/>, the official GNS by default) on
/// the CG graph predicting a Gaussian over each bead's acceleration from the velocity history;
/// an optional Score GNN refining predicted positions by annealed Langevin dynamics; an optional
/// Rg head. Parameter names equal the official state_dict keys.
///
/// Tensors created here belong to the caller's dispose scope: wrap each training step or
/// rollout step in <see cref="torch.NewDisposeScope"/>.
/// </summary>
public sealed class GraphSimulator : Module
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    private readonly EncodeProcessDecode? embeddingGn;
    private readonly Embedding typeEmbedding;
    private readonly Embedding? bondTypeEmbedding;
    private readonly Embedding edgeTypeEmbedding;
    private readonly Sequential? propertyHead;
    private readonly IDynamicsNetwork dynamics;
    private readonly EncodeProcessDecode? scoreGn;
    private readonly CgPrior? prior;

    // Plain attributes in the official model (not in its state_dict): the noise levels of
    // augmentation and of the score model.
    private Tensor noiseSigmas;
    private Tensor scoreSigmas;

    /// <summary>The simulator with the dynamics network the config names (<see cref="DynamicsNetworks"/>).</summary>
    public GraphSimulator(ModelConfig config) : this(config, sizes => DynamicsNetworks.Create(config, sizes)) { }

    /// <summary>The simulator with the dynamics network <paramref name="createDynamics"/> builds for the given sizes.</summary>
    public GraphSimulator(ModelConfig config, Func<DynamicsNetworkSizes, IDynamicsNetwork> createDynamics)
    {
        config.Validate();
        Config = config;
        int latent = config.DynamicsGn.LatentDim;
        int emb = config.TypeEmbSize;
        int dim = config.Dimension;

        if (config.EmbeddingGn is { } embeddingSize)
            embeddingGn = register_module("embedding_gn",
                new EncodeProcessDecode(emb + (config.UseWeights ? 1 : 0), emb, latent, embeddingSize));
        typeEmbedding = register_module("type_embedding", new Embedding(config.NumPtypes, emb));
        nn.init.xavier_uniform_(typeEmbedding.weight);
        if (config.NumBtypes > 0)
        {
            bondTypeEmbedding = register_module("bond_type_embedding", new Embedding(config.NumBtypes, emb));
            nn.init.xavier_uniform_(bondTypeEmbedding.weight);
        }
        edgeTypeEmbedding = register_module("edge_type_embedding", new Embedding(2, emb));
        nn.init.xavier_uniform_(edgeTypeEmbedding.weight);
        if (config.PropertyNet is { } head)
            propertyHead = register_module("property_head", Mlp.Build(latent, head.Units, head.Layers, head.OutDim));

        // Created here, after the modules above, so that parameter initialisation draws in the official order.
        dynamics = createDynamics(new DynamicsNetworkSizes(dim, config.SeqLen, BeadFeatureDim: latent, EdgeTypeDim: emb,
            config.UseWeights, LatentDim: latent, config.MinStd));
        register_module("dynamics_gn", dynamics.Module);
        if (config.ScoreGn is { } scoreSize)
            scoreGn = register_module("score_gn",
                new EncodeProcessDecode(latent + (config.UseWeights ? 1 : 0), dim + 1 + emb, dim, scoreSize));

        if (config.Prior is { } priorParameters) prior = new CgPrior(priorParameters);
        noiseSigmas = GeometricLevels(config.NoiseBegin, config.NoiseEnd, config.NoiseLevel);
        scoreSigmas = GeometricLevels(config.SigmaBegin, config.SigmaEnd, config.SigmaLevel);
        ScoreSigmas = scoreSigmas.ToArray<float>().Select(s => (double)s).ToArray();
    }

    public ModelConfig Config { get; }

    /// <summary>Whether the model predicts the fine-chain Rg (the official property head).</summary>
    public bool HasRgHead => propertyHead is not null;
    public bool HasScoreGn => scoreGn is not null;

    /// <summary>σ levels of the score model, largest first (annealing order).</summary>
    public double[] ScoreSigmas { get; }

    /// <summary>exp(linspace(log begin, log end, levels)) as in the official code.</summary>
    private static Tensor GeometricLevels(double begin, double end, int levels)
    {
        using Tensor logs = torch.linspace(Math.Log(begin), Math.Log(end), levels);
        return logs.exp().DetachFromDisposeScope();
    }

    private void MoveConstantsTo(Device device)
    {
        if (noiseSigmas.device == device) return;
        noiseSigmas = noiseSigmas.to(device).DetachFromDisposeScope();
        scoreSigmas = scoreSigmas.to(device).DetachFromDisposeScope();
    }

    // ---- training objective -------------------------------------------------------------

    /// <summary>
    /// The official training loss for one batch (noise augmentation included). With a target k &gt; 1
    /// steps ahead (pushforward), the noisy history is first rolled forward k − 1 steps on the
    /// model's own sampled accelerations without gradient; the loss is then the one-step loss from
    /// that history to the true target, so the model learns to correct its own drift.
    /// </summary>
    /// <param name="scoreSigma">One σ for every system's score-model noise instead of a drawn level (per-level diagnostics).</param>
    public LossTerms ComputeLoss(ModelBatch batch, double? scoreSigma = null)
    {
        if (batch.Target is null) throw new ArgumentException("a training batch needs target positions", nameof(batch));
        Tensor positions = batch.PositionHistory;
        MoveConstantsTo(positions.device);

        Tensor weights = batch.Weights;                                                  // [N]
        Tensor embeddings = EmbedParticles(batch, weights);                              // [N, latent]
        var (cgHistory, cgNext, beadEmbeddings, beadWeights) =
            CoarseGrain(positions, batch.Target, embeddings, weights, batch.Cluster, batch.BeadCounts);
        long[] beads = batch.BeadCounts;

        (cgHistory, cgNext) = NoiseAugment(cgHistory, cgNext, beads);
        if (batch.TargetSteps > 1)
            cgHistory = PushForward(cgHistory, beadEmbeddings, beads, batch.CgBonds, batch.Lattices, beadWeights, batch.TargetSteps - 1);
        Tensor? noisyNext = null, sampledSigmas = null;
        if (scoreGn is not null) (sampledSigmas, noisyNext) = SampleNoisyPositions(cgNext, beads, scoreSigma);

        CgGraph historyGraph = BuildGraph(cgHistory, beadEmbeddings, beads, batch.CgBonds, batch.Lattices, beadWeights);
        var (mean, std, latent) = AccelerationDistribution(historyGraph, cgHistory, batch.CgBonds, batch.Lattices);
        Tensor accTarget = AccelerationTarget(cgNext, cgHistory);
        Tensor accLoss = -GaussianLogProb(accTarget, mean, std).mean();
        Tensor loss = accLoss;

        Tensor? scoreLoss = null, scoreNoInformation = null;
        if (scoreGn is not null)
        {
            // Denoising score matching: s = net/σ against −(x̃ − x)/σ², weighted by σ^anneal_power.
            Tensor target = (noisyNext! - cgNext) / sampledSigmas!.pow(2L) * -1.0;
            CgGraph scoreGraph = BuildGraph(noisyNext!.unsqueeze(1), latent, beads, batch.CgBonds, batch.Lattices, beadWeights);
            Tensor scores = scoreGn.forward(scoreGraph.OfficialFeatures(Config.UseWeights)) / sampledSigmas!;
            scoreLoss = ((scores - target).pow(2L) * 0.5 * sampledSigmas!.pow(Config.AnnealPower)).mean();
            scoreNoInformation = ((noisyNext! - cgNext) / sampledSigmas!).pow(2L).mean().detach() * 0.5;
            loss = loss + scoreLoss;
        }

        Tensor? propertyLoss = null;
        if (propertyHead is not null)
        {
            if (batch.RgLabels is null) throw new ArgumentException("the Rg head needs Rg labels in the batch", nameof(batch));
            Tensor predicted = PredictRg(latent, cgHistory.select(1, -1), beadWeights, beads);     // [B, 1]
            Tensor label = batch.RgLabels.select(1, -1).unsqueeze(1);
            propertyLoss = (predicted - label).pow(2L).mean();
            loss = loss + propertyLoss;
        }

        Tensor meanStdRatio = (mean.norm(dim: -1) / std.norm(dim: -1)).mean();
        Tensor entropy = (std.log() + 0.5 * (1 + Log2Pi)).mean();
        return new LossTerms(loss, accLoss, scoreLoss, propertyLoss, meanStdRatio, entropy, scoreNoInformation);
    }

    /// <summary>The history [M, T, dim] after <paramref name="steps"/> sampled model steps, detached (no gradient through the unroll).</summary>
    private Tensor PushForward(Tensor cgHistory, Tensor beadEmbeddings, long[] beads, Tensor cgBonds, Tensor? lattices,
                               Tensor beadWeights, int steps)
    {
        using var noGrad = torch.no_grad();
        Tensor history = cgHistory.detach();
        Tensor embeddings = beadEmbeddings.detach();
        for (int s = 0; s < steps; s++)
        {
            CgGraph graph = BuildGraph(history, embeddings, beads, cgBonds, lattices, beadWeights);
            var (mean, std, _) = AccelerationDistribution(graph, history, cgBonds, lattices);
            Tensor next = EulerStep(mean + std * torch.randn_like(mean), history);
            history = torch.cat([history.narrow(1, 1, history.size(1) - 1), next.unsqueeze(1)], dim: 1);
        }
        return history.detach();
    }

    // ---- rollout --------------------------------------------------------------------------

    /// <summary>
    /// Runs the Embedding GNN and coarse-grains a rollout batch once.
    /// Returns the CG history [M, seq_len, dim] and the static CG state.
    /// </summary>
    public (Tensor CgHistory, CoarseGrainedState State) PrepareRollout(ModelBatch batch)
    {
        Tensor positions = batch.PositionHistory;
        MoveConstantsTo(positions.device);
        Tensor weights = batch.Weights;
        Tensor embeddings = EmbedParticles(batch, weights);
        Tensor lastFrame = positions.select(1, -1);
        var (cgHistory, _, beadEmbeddings, beadWeights) =
            CoarseGrain(positions, lastFrame, embeddings, weights, batch.Cluster, batch.BeadCounts);
        return (cgHistory, new CoarseGrainedState(beadEmbeddings, beadWeights, batch.BeadCounts, batch.CgBonds, batch.Lattices));
    }

    /// <summary>
    /// One simulator step: predict the acceleration distribution from the CG history
    /// [M, seq_len, dim], sample it (or take the mean), Euler-integrate, then (with a Score GNN
    /// and refinement on) refine by annealed Langevin dynamics. Returns next positions [M, dim]
    /// and the Rg-head prediction [systems, 1] when the model has one. <paramref name="bondNoiseCorrelation"/>
    /// samples the accelerations with CG-bonded beads correlated (<see cref="BondCorrelatedNoise"/>; 0: official).
    /// </summary>
    public (Tensor Next, Tensor? Rg) Predict(Tensor cgHistory, CoarseGrainedState state, bool deterministic,
                                            RefinementOptions? refinement = null, double bondNoiseCorrelation = 0)
    {
        CgGraph historyGraph = BuildGraph(cgHistory, state.BeadEmbeddings, state.BeadCounts, state.CgBonds,
            state.Lattices, state.BeadWeights);
        var (mean, std, latent) = AccelerationDistribution(historyGraph, cgHistory, state.CgBonds, state.Lattices);
        Tensor acceleration = deterministic ? mean : mean + std * BondCorrelatedNoise.Sample(mean, state.CgBonds, bondNoiseCorrelation);
        Tensor next = EulerStep(acceleration, cgHistory);

        Tensor? rg = propertyHead is null
            ? null
            : PredictRg(latent, cgHistory.select(1, -1), state.BeadWeights, state.BeadCounts);

        RefinementOptions refine = refinement ?? RefinementOptions.FromConfig(Config);
        if (scoreGn is not null && refine.Enabled)
            next = Refine(next.detach(), latent, state, refine);
        return (next, rg);
    }

    /// <summary>
    /// Annealed Langevin dynamics with the Score GNN: for each σ (largest first), repeat
    /// x ← x + α·net(x)/σ + sqrt(2α)·z, the graph rebuilt on x every time; α is constant across
    /// levels as in the official code, or ∝ σ² (NCSN) when the options ask for it.
    /// </summary>
    private Tensor Refine(Tensor positions, Tensor historyLatent, CoarseGrainedState state, RefinementOptions refine)
    {
        double smallestSigma = ScoreSigmas.Min();
        foreach (double sigma in ScoreSigmas)
        {
            double step = refine.StepAt(sigma, smallestSigma);
            double noiseScale = Math.Sqrt(2 * step);
            for (int k = 0; k < refine.StepsPerSigma; k++)
            {
                CgGraph graph = BuildGraph(positions.unsqueeze(1), historyLatent, state.BeadCounts, state.CgBonds,
                    state.Lattices, state.BeadWeights);
                Tensor scores = scoreGn!.forward(graph.OfficialFeatures(Config.UseWeights)) * (step / sigma);
                positions = positions + scores + torch.randn_like(positions) * noiseScale;
            }
        }
        return positions;
    }

    // ---- pieces shared by training and rollout -------------------------------------------

    /// <summary>
    /// The Gaussian over each bead's acceleration that training fits and rollouts sample: the
    /// dynamics network's prediction, its mean shifted by the CG prior's acceleration when the
    /// model has one (the network then learns the residual). History [M, T, dim].
    /// </summary>
    private DynamicsPrediction AccelerationDistribution(CgGraph graph, Tensor history, Tensor cgBonds, Tensor? lattices)
    {
        DynamicsPrediction predicted = dynamics.Forward(graph);
        if (prior is null) return predicted;
        Tensor priorAcceleration = prior.Acceleration(history, graph.BeadCounts, cgBonds, lattices);
        return predicted with { Mean = predicted.Mean + priorAcceleration };
    }

    /// <summary>Fine-level node embeddings [N, latent] from types and bonds (Embedding GNN).</summary>
    private Tensor EmbedParticles(ModelBatch batch, Tensor weights)
    {
        Tensor typeEmbeddings = typeEmbedding.forward(batch.ParticleTypes);                 // [N, emb]
        if (embeddingGn is null) return typeEmbeddings;
        Tensor senders = batch.Bonds.select(1, 0).contiguous();
        Tensor receivers = batch.Bonds.select(1, 1).contiguous();
        Tensor edges = typeEmbeddings.index_select(0, senders) + typeEmbeddings.index_select(0, receivers);
        if (bondTypeEmbedding is not null)
        {
            if (batch.BondTypes is null)
                throw new ArgumentException($"the model embeds {Config.NumBtypes} bond types (num_btypes), but the batch has none",
                    nameof(batch));
            edges = edges + bondTypeEmbedding.forward(batch.BondTypes);
        }
        Tensor nodes = Config.UseWeights ? torch.cat([typeEmbeddings, weights.unsqueeze(1)], dim: 1) : typeEmbeddings;
        return embeddingGn.forward(new GraphsTuple(nodes, edges, senders, receivers, batch.ParticleCounts));
    }

    /// <summary>
    /// Mass-weighted centres of the beads for history [N, T, dim] and next [N, dim] positions,
    /// mean-pooled bead embeddings and bead weights [M, 1].
    /// </summary>
    private static (Tensor History, Tensor Next, Tensor Embeddings, Tensor Weights) CoarseGrain(
        Tensor history, Tensor next, Tensor embeddings, Tensor weights, Tensor cluster, long[] beadCounts)
    {
        long beads = beadCounts.Sum();
        Tensor all = torch.cat([history, next.unsqueeze(1)], dim: 1);                       // [N, T+1, dim]
        Tensor w = weights.view(-1, 1, 1);
        Tensor beadWeights = torch.zeros([beads], weights.dtype, weights.device).index_add_(0, cluster, weights);
        Tensor weightedSum = torch.zeros([beads, all.size(1), all.size(2)], all.dtype, all.device)
            .index_add(0, cluster, all * w);
        Tensor centres = weightedSum / beadWeights.view(-1, 1, 1);                          // [M, T+1, dim]
        long t = history.size(1);
        Tensor cgHistory = centres.narrow(1, 0, t);
        Tensor cgNext = centres.select(1, t);

        Tensor members = torch.zeros([beads], embeddings.dtype, embeddings.device)
            .index_add_(0, cluster, torch.ones([cluster.size(0)], embeddings.dtype, embeddings.device));
        Tensor embeddingSum = torch.zeros([beads, embeddings.size(1)], embeddings.dtype, embeddings.device)
            .index_add(0, cluster, embeddings);
        Tensor beadEmbeddings = embeddingSum / members.unsqueeze(1);
        return (cgHistory, cgNext, beadEmbeddings, beadWeights.unsqueeze(1));
    }

    /// <summary>Adds i.i.d. Gaussian noise of one σ per system (from the noise grid) to every history frame.</summary>
    private (Tensor History, Tensor Next) NoiseAugment(Tensor history, Tensor next, long[] beadCounts)
    {
        if (Config.NoiseMethod == "none") return (history, next);
        Tensor perNode = PerNodeLevels(noiseSigmas, Config.NoiseLevel, beadCounts, history.device).view(-1, 1, 1);
        return (history + torch.randn_like(history) * perNode, next);
    }

    /// <summary>Score-model training noise: one σ level per system (or <paramref name="sigma"/> for all); returns σ per bead [M, 1] and x̃.</summary>
    private (Tensor Sigmas, Tensor Noisy) SampleNoisyPositions(Tensor positions, long[] beadCounts, double? sigma = null)
    {
        Tensor perNode = sigma is { } fixedSigma
            ? torch.full([positions.size(0), 1], fixedSigma, positions.dtype, positions.device)
            : PerNodeLevels(scoreSigmas, Config.SigmaLevel, beadCounts, positions.device).view(-1, 1);
        return (perNode, positions + perNode * torch.randn_like(positions));
    }

    /// <summary>A uniformly drawn level per system, repeated for its nodes: [M].</summary>
    private static Tensor PerNodeLevels(Tensor levels, int count, long[] nodeCounts, Device device)
    {
        Tensor chosen = torch.randint(0, count, [nodeCounts.Length], device: device);
        Tensor repeats = torch.tensor(nodeCounts).to(device);
        return levels.index_select(0, chosen.repeat_interleave(repeats));
    }

    /// <summary>
    /// The dynamics (or score) input graph: the finite-difference velocities of the history
    /// [M, T, dim] and the bead features; edges from the most recent (wrapped) positions.
    /// </summary>
    private CgGraph BuildGraph(Tensor history, Tensor beadFeatures, long[] beadCounts, Tensor cgBonds, Tensor? lattices,
                               Tensor beadWeights)
    {
        Tensor velocities = history.narrow(1, 1, history.size(1) - 1) - history.narrow(1, 0, history.size(1) - 1);
        Tensor latest = history.select(1, -1);
        if (lattices is not null) latest = WrapIntoBox(latest, lattices, beadCounts);
        Connectivity.Edges edges = Connectivity.Compute(latest, beadCounts, Config.Radius, cgBonds, lattices);
        return new CgGraph(velocities, beadFeatures, beadWeights, beadCounts, edges.Senders, edges.Receivers, edges.EdgeTypes,
            edgeTypeEmbedding.forward(edges.EdgeTypes), edges.Vectors, edges.Lengths, edges.Displacements, edges.Distances,
            Config.Radius);
    }

    /// <summary>Wraps positions [M, dim] into their system's cubic box: ((x / L) mod 1) · L.</summary>
    private static Tensor WrapIntoBox(Tensor positions, Tensor lattices, long[] nodeCounts)
    {
        Tensor perNode = lattices.repeat_interleave(torch.tensor(nodeCounts).to(lattices.device), dim: 0);
        return (positions / perNode).remainder(1.0) * perNode;
    }

    private static Tensor GaussianLogProb(Tensor value, Tensor mean, Tensor std) =>
        -((value - mean).pow(2L) / (std.pow(2L) * 2.0)) - std.log() - 0.5 * Log2Pi;

    /// <summary>a* = x_{t+1} − 2 x_t + x_{t−1} from history [M, T, dim] and next [M, dim].</summary>
    public static Tensor AccelerationTarget(Tensor next, Tensor history)
    {
        Tensor last = history.select(1, -1);
        Tensor previous = history.select(1, -2);
        return next - last - (last - previous);
    }

    /// <summary>Semi-implicit Euler with dt = one model step: v' = v + a, x' = x + v'.</summary>
    public static Tensor EulerStep(Tensor acceleration, Tensor history)
    {
        Tensor last = history.select(1, -1);
        Tensor velocity = last - history.select(1, -2) + acceleration;
        return last + velocity;
    }

    /// <summary>Rg head: MLP on the mean-pooled (detached) latent plus the bead Rg (detached): [systems, 1].</summary>
    private Tensor PredictRg(Tensor latentNodes, Tensor positions, Tensor beadWeights, long[] beadCounts)
    {
        Tensor pooled = MeanPerSystem(latentNodes.detach(), beadCounts);
        Tensor residual = propertyHead!.forward(pooled);
        return residual + RadiusOfGyration.Weighted(positions.detach(), beadWeights.detach(), beadCounts.Select(c => (int)c).ToArray());
    }

    private static Tensor SystemIndex(long[] counts, Device device) =>
        torch.arange(counts.Length, device: device).repeat_interleave(torch.tensor(counts).to(device));

    private static Tensor MeanPerSystem(Tensor values, long[] counts)
    {
        Tensor index = SystemIndex(counts, values.device);
        Tensor sums = torch.zeros([counts.Length, values.size(1)], values.dtype, values.device).index_add(0, index, values);
        Tensor n = torch.tensor(counts.Select(c => (float)c).ToArray()).to(values.device).unsqueeze(1);
        return sums / n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            noiseSigmas.Dispose();
            scoreSigmas.Dispose();
        }
        base.Dispose(disposing);
    }
}
