using MlCgMd.Torch.Modules;

namespace MlCgMd.Torch.Tests;

public class ModuleTests
{
    /// <summary>A block shaped like the GNN's: an MLP child plus a buffer.</summary>
    private sealed class Block : Module<Tensor, Tensor>
    {
        public Block()
        {
            _node_mlp = register_module(nameof(_node_mlp), new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2), new LayerNorm(2)));
            register_buffer("scale", torch.ones(2));
        }

        public Sequential _node_mlp { get; }

        public override Tensor forward(Tensor input) => _node_mlp.forward(input);
    }

    /// <summary>Registers a parameter, a child, then a buffer: PyTorch lists own parameters and buffers before children.</summary>
    private sealed class Net : Module<Tensor, Tensor>
    {
        public Net()
        {
            alpha = new Parameter(torch.zeros(2));
            register_parameter(nameof(alpha), alpha);
            _encode = register_module(nameof(_encode), new Block());
            register_buffer("running", torch.zeros(1));
            _heads = register_module(nameof(_heads), new ModuleList<Linear>(new Linear(2, 1), new Linear(2, 1, bias: false)));
        }

        public Parameter alpha { get; }
        public Block _encode { get; }
        public ModuleList<Linear> _heads { get; }

        public override Tensor forward(Tensor input) => _heads[0].forward(_encode.forward(input) + alpha);
    }

    private static readonly string[] NetStateNames =
    [
        "alpha", "running",
        "_encode.scale",
        "_encode._node_mlp.0.weight", "_encode._node_mlp.0.bias",
        "_encode._node_mlp.2.weight", "_encode._node_mlp.2.bias",
        "_encode._node_mlp.3.weight", "_encode._node_mlp.3.bias",
        "_heads.0.weight", "_heads.0.bias", "_heads.1.weight",
    ];

    [Fact]
    public void Sequential_from_a_layer_on_applies_only_the_layers_after_it()
    {
        torch.manual_seed(5);
        using var seq = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        using var x = torch.randn([6, 3]);
        using var first = seq[0].forward(x);
        using var whole = seq.forward(x);
        using var rest = seq.forward(first, startAt: 1);
        Assert.Equal(whole.ToArray<float>(), rest.ToArray<float>());
        using var none = seq.forward(x, startAt: 3);
        Assert.Equal(x.ToArray<float>(), none.ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => seq.forward(x, startAt: 4));
    }

    [Fact]
    public void State_dict_uses_pytorch_dotted_names_and_order()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new Net();
        Assert.Equal(NetStateNames, net.state_dict().Keys);
        Assert.Equal(NetStateNames.Where(n => !n.EndsWith("running") && !n.EndsWith("scale")), net.named_parameters().Select(np => np.name));
        Assert.Equal(["running", "_encode.scale"], net.named_buffers().Select(nb => nb.name));
        Assert.Equal(["_encode", "_heads"], net.named_children().Select(c => c.name));
        Assert.Equal(["", "_encode", "_encode._node_mlp", "_encode._node_mlp.0", "_encode._node_mlp.1", "_encode._node_mlp.2",
                      "_encode._node_mlp.3", "_heads", "_heads.0", "_heads.1"], net.named_modules().Select(m => m.name));
    }

    [Fact]
    public void Load_state_dict_round_trip_reproduces_outputs()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var source = new Net();
        torch.manual_seed(2);
        using var copy = new Net();
        Tensor x = torch.randn(5, 3);
        Assert.NotEqual(source.forward(x).ToArray<float>(), copy.forward(x).ToArray<float>());

        (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) = copy.load_state_dict(source.state_dict());

        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(source.forward(x).ToArray<float>(), copy.forward(x).ToArray<float>());
        Assert.True(copy.alpha.is_leaf && copy.alpha.requires_grad);
    }

    [Fact]
    public void Strict_loading_names_missing_and_unexpected_keys()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new Net();
        var state = net.state_dict();
        state.Remove("_heads.1.weight");
        state["_decode.weight"] = torch.zeros(1);

        var error = Assert.Throws<InvalidOperationException>(() => net.load_state_dict(state));
        Assert.Contains("Missing key(s) in state_dict: \"_heads.1.weight\"", error.Message);
        Assert.Contains("Unexpected key(s) in state_dict: \"_decode.weight\"", error.Message);

        (var missing, var unexpected) = net.load_state_dict(state, strict: false);
        Assert.Equal(["_heads.1.weight"], missing);
        Assert.Equal(["_decode.weight"], unexpected);
    }

    [Fact]
    public void Shape_or_dtype_mismatch_fails_naming_key_and_shapes_and_changes_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new Net();
        float[] before = net._encode._node_mlp[0] is Linear l ? l.weight.ToArray<float>() : [];
        var state = net.state_dict();
        state["_encode._node_mlp.0.weight"] = torch.ones(4, 3);
        state["_heads.0.weight"] = torch.zeros(1, 3);

        var error = Assert.Throws<InvalidOperationException>(() => net.load_state_dict(state, strict: false));
        Assert.Contains("size mismatch for _heads.0.weight", error.Message);
        Assert.Contains("[1, 3]", error.Message);
        Assert.Contains("[1, 2]", error.Message);
        Assert.Equal(before, ((Linear)net._encode._node_mlp[0]).weight.ToArray<float>());

        state["_heads.0.weight"] = torch.zeros([1, 2], torch.float64);
        error = Assert.Throws<InvalidOperationException>(() => net.load_state_dict(state));
        Assert.Contains("dtype mismatch for _heads.0.weight", error.Message);
    }

    [Fact]
    public void To_float64_keeps_parameter_objects_and_values()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new Net();
        Parameter[] before = net.parameters().ToArray();
        float[][] values = before.Select(p => p.ToArray<float>()).ToArray();
        (net.forward(torch.randn(2, 3)).sum()).backward();

        net.to(torch.float64);

        Parameter[] after = net.parameters().ToArray();
        Assert.Equal(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
        {
            Assert.Same(before[i], after[i]);
            Assert.Equal(ScalarType.Float64, after[i].dtype);
            Assert.True(after[i].is_leaf && after[i].requires_grad);
            Assert.Equal(values[i].Select(v => (double)v), after[i].ToArray<double>());
        }
        Assert.Equal(ScalarType.Float64, net._heads[0].weight.grad!.dtype);
        Assert.All(net.buffers(), b => Assert.Equal(ScalarType.Float64, b.dtype));
        Assert.Equal(ScalarType.Float64, net.forward(torch.randn([2, 3], torch.float64)).dtype);
    }

    [Fact]
    public void Train_and_eval_set_the_flag_on_every_descendant()
    {
        using var net = new Net();
        Assert.All(net.modules(), m => Assert.True(m.training));
        net.eval();
        Assert.All(net.modules(), m => Assert.False(m.training));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
    }

    [Fact]
    public void Layer_parameter_counts_match_pytorch()
    {
        using var linear = new Linear(3, 4);
        using var noBias = new Linear(3, 4, bias: false);
        using var norm = new LayerNorm(5);
        using var embedding = new Embedding(7, 3);
        Assert.Equal(16, linear.num_parameters());
        Assert.Equal(12, noBias.num_parameters());
        Assert.Null(noBias.bias);
        Assert.Equal(10, norm.num_parameters());
        Assert.Equal(21, embedding.num_parameters());
        Assert.Equal(new long[] { 4, 3 }, linear.weight.shape);
    }

    [Fact]
    public void Linear_bounds_follow_kaiming_uniform_with_a_sqrt5()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = new Linear(50, 40);
        // gain √(2/(1+5)), std gain/√50, bound √3·std = 1/√50 for both weight and bias
        double bound = 1 / Math.Sqrt(50);
        Assert.True(linear.weight.abs().max().ToSingle() <= bound);
        Assert.True(linear.weight.abs().max().ToSingle() > 0.9 * bound);
        Assert.True(linear.bias!.abs().max().ToSingle() <= bound);
    }

    [Fact]
    public void Init_functions_fill_parameters_in_place_within_their_bounds()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = new Linear(30, 20);
        nn.init.zeros_(linear.bias!);
        Assert.All(linear.bias!.ToArray<float>(), v => Assert.Equal(0f, v));
        nn.init.ones_(linear.bias!);
        Assert.All(linear.bias!.ToArray<float>(), v => Assert.Equal(1f, v));
        nn.init.xavier_uniform_(linear.weight, gain: 2);
        double bound = 2 * Math.Sqrt(6.0 / (30 + 20));
        Assert.InRange(linear.weight.abs().max().ToSingle(), 0.9 * bound, bound);
        Assert.Equal((30L, 20L), nn.init.calculate_fan_in_and_fan_out(linear.weight));
        Assert.Equal((12L, 8L), nn.init.calculate_fan_in_and_fan_out(torch.zeros(2, 3, 4)));
        Assert.Throws<ArgumentException>(() => nn.init.calculate_fan_in_and_fan_out(linear.bias!));
        Assert.True(linear.weight.is_leaf && linear.weight.requires_grad);
    }

    [Fact]
    public void Layers_compute_their_formulas()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = new Linear(2, 2);
        using (torch.no_grad())
        {
            linear.weight.copy_(torch.tensor(new float[] { 1, 2, 3, 4 }, [2, 2]));
            linear.bias!.copy_(torch.tensor(new float[] { 0.5f, -1 }));
        }
        Assert.Equal(new float[] { 1 + 4 + 0.5f, 3 + 8 - 1 }, linear.forward(torch.tensor(new float[] { 1, 2 }, [1, 2])).ToArray<float>());

        using var norm = new LayerNorm(4);
        float[] normed = norm.forward(torch.tensor(new float[] { 1, 2, 3, 4 }, [1, 4])).ToArray<float>();
        double sd = Math.Sqrt(1.25 + 1e-5);
        Assert.Equal(new[] { -1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd }, normed.Select(v => (double)v), (a, b) => Math.Abs(a - b) < 1e-6);

        using var embedding = new Embedding(3, 2);
        float[] table = embedding.weight.ToArray<float>();
        Assert.Equal(new[] { table[4], table[5], table[0], table[1] },
            embedding.forward(torch.tensor(new long[] { 2, 0 })).ToArray<float>());

        using var relu = new Sequential(new ReLU());
        Assert.Equal(new float[] { 0, 2 }, relu.forward(torch.tensor(new float[] { -1, 2 })).ToArray<float>());
    }

    [Fact]
    public void Parameters_outlive_the_dispose_scope_they_were_created_in()
    {
        Linear linear;
        using (torch.NewDisposeScope())
        {
            linear = new Linear(2, 3);
        }
        Assert.False(linear.weight.IsDisposed);
        Assert.Equal(new long[] { 3, 2 }, linear.weight.shape);
        linear.Dispose();
        Assert.True(linear.weight.IsDisposed);
    }

    [Fact]
    public void Zero_grad_clears_gradients_to_none()
    {
        using var scope = torch.NewDisposeScope();
        using var linear = new Linear(2, 1);
        linear.forward(torch.ones(1, 2)).sum().backward();
        Assert.NotNull(linear.weight.grad);
        linear.zero_grad();
        Assert.All(linear.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Functional_losses_and_activations_follow_their_definitions()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 1.0, 2.0, 4.0 });
        var b = torch.tensor(new[] { 0.0, 2.0, 1.0 });
        Assert.Equal(10.0 / 3, nn.functional.mse_loss(a, b).ToDouble(), 12);
        Assert.Equal(10.0, nn.functional.mse_loss(a, b, "sum").ToDouble(), 12);
        Assert.Equal(new[] { 1.0, 0, 9 }, nn.functional.mse_loss(a, b, "none").ToArray<double>());
        Assert.Throws<ArgumentException>(() => nn.functional.mse_loss(a, b, "average"));
        Assert.Equal(Math.Log(1 + Math.Exp(2.0)) / 2, nn.functional.softplus(torch.tensor(new[] { 1.0 }), beta: 2).ToArray<double>()[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(-1.0)), nn.functional.silu(torch.tensor(new[] { 1.0 })).ToArray<double>()[0], 12);
        Assert.Equal(a.ToArray<double>(), nn.functional.dropout(a, 0.5, training: false).ToArray<double>());
        double[] dropped = nn.functional.dropout(torch.ones([1000], torch.float64), 0.25).ToArray<double>();
        Assert.All(dropped, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75) < 1e-12));
    }
}
