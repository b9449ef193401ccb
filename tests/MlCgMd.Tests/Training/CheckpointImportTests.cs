using System.IO.Compression;
using System.Text.Json.Nodes;
using MlCgMd.Model;
using MlCgMd.SystemKinds;
using MlCgMd.Tests.Data;
using MlCgMd.Tests.Model;
using MlCgMd.Torch;
using MlCgMd.Torch.Serialization;
using MlCgMd.Training;

namespace MlCgMd.Tests.Training;

/// <summary>
/// `mlcgmd import-checkpoint`: Lightning checkpoints in the official layout, read by the restricted
/// unpickler (committed fixtures from Fixtures/make_lightning_checkpoint.py, and fresh ones written by
/// PyTorch from our own weights where python3-torch is installed).
/// </summary>
public sealed class CheckpointImportTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void A_lightning_checkpoint_yields_every_dtype_and_view_with_its_values()
    {
        LightningCheckpoint ckpt = LightningCheckpoint.Read(Fixture("lightning_layout.ckpt"));
        Assert.Equal(["a.weight", "a.bias", "ids", "small_ids", "mask", "transposed", "base", "offset_view", "scalar"], ckpt.StateDict.Keys);
        using var scope = torch.NewDisposeScope();
        float[] Floats(string name) => ckpt.StateDict[name].ToTensor().ToArray<float>();

        Assert.Equal(Enumerable.Range(0, 12).Select(k => k / 8f), Floats("a.weight"));
        Assert.Equal([3L, 4L], ckpt.StateDict["a.weight"].Shape);
        Assert.Equal(Enumerable.Range(0, 3).Select(k => k * 0.5 - 1), ckpt.StateDict["a.bias"].ToTensor().ToArray<double>());
        Assert.Equal([5L, -7L, 1L << 40], ckpt.StateDict["ids"].ToTensor().ToArray<long>());
        Assert.Equal([3, -2], ckpt.StateDict["small_ids"].ToTensor().ToArray<int>());
        Assert.Equal([true, false, true], ckpt.StateDict["mask"].ToTensor().ToArray<bool>());
        // (arange(6).reshape(2, 3) + 1).t(): a [3, 2] view with strides (1, 3), gathered to row-major.
        Assert.Equal([3L, 2L], ckpt.StateDict["transposed"].Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], Floats("transposed"));
        // base[4:7]: offset 4 into the storage it shares with 'base'.
        Assert.Equal(4, ckpt.StateDict["offset_view"].Offset);
        Assert.Same(ckpt.StateDict["base"].Storage, ckpt.StateDict["offset_view"].Storage);
        Assert.Equal([1f, 1.25f, 1.5f], Floats("offset_view"));
        Assert.Empty(ckpt.StateDict["scalar"].Shape);
        Assert.Equal(3.25f, Floats("scalar").Single());

        Assert.Equal("1.3.8", ckpt.LightningVersion);
        Assert.Equal(1200, ckpt.GlobalStep);
        JsonObject hp = ckpt.HyperParameters!;
        Assert.Equal(128, hp["dynamics_gn_hparams"]!["latent_dim"]!.GetValue<long>());
        Assert.Equal(1e-4, hp["optim"]!["optimizer"]!["lr"]!.GetValue<double>());
        Assert.Equal("${oc.env:CHAIN_DATASET_DIR}", hp["data"]!["dir"]!.GetValue<string>());
    }

    [Fact]
    public void The_saved_official_chain_hyperparameters_are_the_paper_chain_model()
    {
        JsonObject hp = LightningCheckpoint.Read(Fixture("lightning_layout.ckpt")).HyperParameters!;
        var (config, notes) = OfficialHyperparameters.ToModelConfig(hp, "fixture");
        Assert.Equal(ModelConfig.PaperChain(), config);
        Assert.Contains(notes, n => n.Contains("'optim'"));
    }

    [Fact]
    public void A_checkpoint_that_would_run_os_system_is_refused_and_runs_nothing()
    {
        // Unpickled by torch.load, malicious.ckpt runs os.system('touch pwned') in the working directory.
        string marker = Path.Combine(Environment.CurrentDirectory, "pwned");
        Assert.False(File.Exists(marker));
        var error = Assert.Throws<InvalidDataException>(() =>
            CheckpointImport.Run(Fixture("malicious.ckpt"), null, scratch.File("out")));
        Assert.Contains("'posix.system'", error.Message);
        Assert.Contains("nothing in the file was executed", error.Message);
        Assert.False(File.Exists(marker));
        Assert.False(Directory.Exists(scratch.File("out")));
    }

    [Fact]
    public void Files_that_are_not_zip_checkpoints_are_named_and_explained()
    {
        string text = scratch.File("notes.ckpt");
        File.WriteAllText(text, "not a checkpoint");
        Assert.Contains("not a PyTorch checkpoint", Assert.Throws<InvalidDataException>(() => LightningCheckpoint.Read(text)).Message);

        string legacy = scratch.File("legacy.ckpt");
        File.WriteAllBytes(legacy, [0x80, 2, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);
        Assert.Contains("legacy torch.save", Assert.Throws<InvalidDataException>(() => LightningCheckpoint.Read(legacy)).Message);

        string missing = scratch.File("missing-storage.ckpt");
        File.Copy(Fixture("lightning_layout.ckpt"), missing);
        using (var zip = ZipFile.Open(missing, ZipArchiveMode.Update))
            zip.GetEntry("lightning_layout/data/3")!.Delete();
        var error = Assert.Throws<InvalidDataException>(() => LightningCheckpoint.Read(missing));
        Assert.Contains("storage 3", error.Message);
        Assert.Contains(missing, error.Message);
    }

    private const string ChainYaml = """
        _target_: graphwm.model.GNS
        name: gns
        # data
        dimension: ${data.dimension}
        data: {dimension: 3}
        use_atom_mass: False
        use_weights: False
        seq_len: 30
        dilation: 1
        num_ptypes: 5
        num_btypes: 0
        cg_level: 100
        radius: 200
        min_std: 0.1
        type_emb_size: 32
        dynamics_gn_hparams: {'latent_dim': 128, 'units': 128, 'layers': 2, 'mp_steps': 7}
        embedding_gn_hparams: {'latent_dim': 64, 'units': 64, 'layers': 2, 'mp_steps': 7}
        property_net_hparams: {'units': 256, 'layers': 2, 'out_dim': 1}
        noise_method: multi_scale
        noise_target: pos
        noise_begin: 0.1
        noise_end: 0.01
        noise_level: 10
        """;

    private const string BatteryYaml = """
        _target_: graphwm.model.PnR
        name: pnr
        dimension: 3
        use_atom_mass: True
        use_weights: True
        seq_len: 20
        dilation: 100
        num_ptypes: 20
        num_btypes: 100
        cg_level: 7
        radius: 6.0
        min_std: 0.05
        cg_tfsi: False
        remove_com: False
        type_emb_size: 32
        score_gn_hparams: {'latent_dim': 128, 'units': 128, 'layers': 2, 'mp_steps': 7}
        dynamics_gn_hparams: {'latent_dim': 128, 'units': 128, 'layers': 2, 'mp_steps': 7}
        embedding_gn_hparams: {'latent_dim': 64, 'units': 64, 'layers': 2, 'mp_steps': 7}
        property_net_hparams: False
        noise_method: multi_scale
        noise_target: pos
        noise_begin: 0.1
        noise_end: 0.01
        noise_level: 20
        sigma_begin: 10.
        sigma_end: 0.01
        sigma_level: 20
        anneal_power: 2.
        step_per_sigma: 10
        step_size: 0.00005
        """;

    private string Yaml(string name, string text)
    {
        string path = scratch.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Official_model_yaml_files_map_to_the_paper_models()
    {
        Assert.Equal(ModelConfig.PaperChain(), OfficialHyperparameters.ToModelConfig(OfficialYaml.Read(Yaml("chain.yaml", ChainYaml)), "chain").Config);
        Assert.Equal(ModelConfig.PaperBattery(), OfficialHyperparameters.ToModelConfig(OfficialYaml.Read(Yaml("battery.yaml", BatteryYaml)), "battery").Config);
    }

    [Theory]
    [InlineData("radius: 200", "radius: 200\nuse_fancy_attention: True", "'use_fancy_attention' is not a model hyperparameter")]
    [InlineData("use_weights: False", "use_weights: False\ncg_tfsi: True", "'cg_tfsi'")]
    [InlineData("_target_: graphwm.model.GNS", "_target_: graphwm.model.Transformer", "only the official GNS and PnR")]
    [InlineData("dimension: ${data.dimension}", "dimension: ${oc.env:DIM}", "resolver")]
    [InlineData("seq_len: 30", "seq_len: thirty", "'seq_len' has the wrong type")]
    public void Hyperparameters_this_project_does_not_understand_are_refused(string original, string replacement, string expected)
    {
        JsonObject yaml = OfficialYaml.Read(Yaml("odd.yaml", ChainYaml.Replace(original, replacement)));
        var error = Assert.Throws<InvalidDataException>(() => OfficialHyperparameters.ToModelConfig(yaml, "odd.yaml"));
        Assert.Contains(expected, error.Message);
    }

    [TorchFact]
    public void An_imported_checkpoint_reproduces_the_natively_saved_model_exactly()
    {
        torch.manual_seed(11);
        ModelConfig config = SyntheticBatches.SmallConfig(seqLen: 4, score: true) with { CgLevel = 6 };
        string native = scratch.File("native");
        using (var model = new GraphSimulator(config)) ModelCheckpoint.Save(native, model, new CgRecipe { CgLevel = config.CgLevel });

        // The official hyperparameter names are ours, less our own refinement schedule, with the official spellings.
        var hparams = (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(config, ModelConfig.Json))!;
        hparams.Remove("step_size_schedule");
        hparams.Remove("dynamics_network");
        hparams["name"] = "pnr";
        string hparamsPath = scratch.File("hparams.json");
        File.WriteAllText(hparamsPath, hparams.ToJsonString());
        string ckpt = scratch.File("last.ckpt");
        DebianPython.Run([Fixture("make_lightning_checkpoint.py"), Path.Combine(native, ModelCheckpoint.ModelFile), hparamsPath, ckpt]);

        string imported = scratch.File("imported");
        CheckpointImport.Result result = CheckpointImport.Run(ckpt, configPath: null, imported);
        Assert.Equal(config, result.Config);

        using var scope = torch.NewDisposeScope();
        using TrainedModel nativeModel = ModelCheckpoint.Load(native), importedModel = ModelCheckpoint.Load(imported);
        GraphSimulator a = nativeModel.Model, b = importedModel.Model;
        Assert.Equal(nativeModel.Recipe, importedModel.Recipe);
        var stateA = a.state_dict();
        var stateB = b.state_dict();
        Assert.Equal(stateA.Keys, stateB.Keys);
        foreach (var (name, tensor) in stateA)
            Assert.Equal(tensor.ToArray<float>(), stateB[name].ToArray<float>());
        var batch = SyntheticBatches.Batch([SyntheticBatches.RandomChain(18, 4, 6, seed: 3), SyntheticBatches.RandomChain(12, 4, 6, seed: 4)]);
        torch.manual_seed(5);
        LossTerms la = a.ComputeLoss(batch);
        torch.manual_seed(5);
        LossTerms lb = b.ComputeLoss(batch);
        Assert.Equal(la.Loss.ToDouble(), lb.Loss.ToDouble());
        Assert.Equal(la.AccLoss.ToDouble(), lb.AccLoss.ToDouble());
        Assert.Equal(la.ScoreLoss!.ToDouble(), lb.ScoreLoss!.ToDouble());
        Assert.Equal(la.PropertyLoss!.ToDouble(), lb.PropertyLoss!.ToDouble());
        Assert.True(File.Exists(Path.Combine(imported, ImportProvenance.FileName)));
    }
}
