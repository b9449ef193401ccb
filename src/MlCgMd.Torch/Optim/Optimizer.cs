namespace MlCgMd.Torch.Optim;

/// <summary>
/// Base of the optimisers (PyTorch's torch.optim.Optimizer) with a single parameter group.
/// Per-parameter state (a step count and named tensors such as Adam's exp_avg) is created on
/// a parameter's first step with a gradient; it is owned by the optimiser, never by a dispose
/// scope. <see cref="state_dict"/> / <see cref="load_state_dict"/> save and restore the
/// hyperparameters, step counts and state tensors, so a training run resumes exactly.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly Parameter[] parameterList;
    private readonly ParameterState?[] states;
    private readonly OrderedDictionary<string, double> group;
    private bool disposed;

    /// <param name="parameters">the parameters to update, in a fixed order (state is saved by index)</param>
    /// <param name="hyperparameters">the parameter group's settings; must contain "lr"</param>
    protected Optimizer(IEnumerable<Parameter> parameters, OrderedDictionary<string, double> hyperparameters)
    {
        parameterList = parameters.ToArray();
        if (parameterList.Length == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(parameters));
        if (parameterList.Distinct(ReferenceEqualityComparer.Instance).Count() != parameterList.Length)
            throw new ArgumentException("optimizer got a parameter more than once", nameof(parameters));
        if (!hyperparameters.ContainsKey("lr")) throw new ArgumentException("hyperparameters must contain lr", nameof(hyperparameters));
        group = hyperparameters;
        states = new ParameterState?[parameterList.Length];
    }

    public IReadOnlyList<Parameter> parameters => parameterList;

    /// <summary>The settings of the single parameter group (lr, betas, eps, weight_decay, ...).</summary>
    public IReadOnlyDictionary<string, double> param_group => group;

    /// <summary>Learning rate of the parameter group (schedulers write it before each step).</summary>
    public double lr
    {
        get => group["lr"];
        set
        {
            if (!(value >= 0)) throw new ArgumentOutOfRangeException(nameof(value), value, "Invalid learning rate");
            group["lr"] = value;
        }
    }

    /// <summary>Names of the per-parameter state tensors this optimiser keeps (e.g. exp_avg).</summary>
    protected abstract IReadOnlyList<string> state_names { get; }

    /// <summary>
    /// Updates one parameter in place. <paramref name="state"/>.step has already been
    /// incremented (it is 1 on the first update). Runs under no_grad.
    /// </summary>
    protected abstract void update(Parameter parameter, Tensor grad, ParameterState state);

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using (torch.no_grad())
        {
            for (int i = 0; i < parameterList.Length; i++)
            {
                using Tensor? grad = parameterList[i].grad;
                if (grad is null) continue;
                ParameterState state = states[i] ??= new ParameterState(parameterList[i], state_names);
                state.step++;
                update(parameterList[i], grad, state);
            }
        }
    }

    /// <summary>Clears gradients: to None by default (PyTorch 2 behaviour), or to zero.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        foreach (Parameter p in parameterList)
        {
            if (set_to_none)
            {
                p.grad = null;
                continue;
            }
            using Tensor? grad = p.grad;
            grad?.zero_();
        }
    }

    // ---- checkpointing ---------------------------------------------------------------

    /// <summary>
    /// Named tensors: "param_groups.0.&lt;setting&gt;" (float64 scalars), and for each parameter i
    /// that has state, "state.i.step" (int64 scalar) and "state.i.&lt;name&gt;" (detached views of
    /// the live state). New handles, owned by the current dispose scope.
    /// </summary>
    public OrderedDictionary<string, Tensor> state_dict()
    {
        var result = new OrderedDictionary<string, Tensor>();
        foreach ((string name, double value) in group)
            result[$"param_groups.0.{name}"] = torch.tensor(value);
        for (int i = 0; i < states.Length; i++)
        {
            if (states[i] is not { } state) continue;
            result[$"state.{i}.step"] = torch.tensor(state.step);
            foreach ((string name, Tensor t) in state.tensors)
                result[$"state.{i}.{name}"] = t.detach();
        }
        return result;
    }

    /// <summary>
    /// Restores what <see cref="state_dict"/> saved. Every group setting must be present;
    /// a parameter without state entries starts fresh. State tensors are copied onto the
    /// parameter's device and dtype. Everything is validated before anything changes.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var settings = new Dictionary<string, double>();
        var steps = new Dictionary<int, long>();
        var tensors = new Dictionary<int, Dictionary<string, Tensor>>();
        foreach ((string key, Tensor value) in state)
        {
            string[] parts = key.Split('.');
            if (parts.Length == 3 && parts[0] == "param_groups" && parts[1] == "0" && group.ContainsKey(parts[2]))
            {
                settings[parts[2]] = ScalarOf(key, value);
            }
            else if (parts.Length == 3 && parts[0] == "state" && int.TryParse(parts[1], out int index) &&
                     index >= 0 && index < parameterList.Length)
            {
                if (parts[2] == "step")
                {
                    double s = ScalarOf(key, value);
                    if (s < 1 || s != Math.Floor(s)) throw new ArgumentException($"optimizer state '{key}' must be a positive integer, got {s}");
                    steps[index] = (long)s;
                }
                else if (state_names.Contains(parts[2]))
                {
                    long[] expected = parameterList[index].shape, actual = value.shape;
                    if (!expected.SequenceEqual(actual))
                        throw new ArgumentException(
                            $"optimizer state '{key}' has shape [{string.Join(", ", actual)}] but parameter {index} has shape [{string.Join(", ", expected)}]");
                    (tensors.TryGetValue(index, out var named) ? named : tensors[index] = new())[parts[2]] = value;
                }
                else throw new ArgumentException($"unexpected optimizer state key '{key}' for {GetType().Name}");
            }
            else throw new ArgumentException(
                $"unexpected optimizer state key '{key}' for {GetType().Name} with {parameterList.Length} parameters");
        }
        string[] missingSettings = group.Keys.Where(k => !settings.ContainsKey(k)).ToArray();
        if (missingSettings.Length > 0)
            throw new ArgumentException("optimizer state lacks param_groups.0." + string.Join(", param_groups.0.", missingSettings));
        foreach (int index in steps.Keys.Union(tensors.Keys))
        {
            string[] missing = state_names.Where(n => !tensors.TryGetValue(index, out var named) || !named.ContainsKey(n))
                .Select(n => $"state.{index}.{n}").ToArray();
            if (!steps.ContainsKey(index)) missing = [$"state.{index}.step", .. missing];
            if (missing.Length > 0) throw new ArgumentException("incomplete optimizer state: missing " + string.Join(", ", missing));
        }

        foreach ((string name, double value) in settings) group[name] = value;
        for (int i = 0; i < states.Length; i++)
        {
            states[i]?.Dispose();
            states[i] = null;
            if (!steps.TryGetValue(i, out long step)) continue;
            var restored = new ParameterState(parameterList[i], state_names) { step = step };
            using (torch.no_grad())
            {
                foreach ((string name, Tensor t) in restored.tensors) t.copy_(tensors[i][name]);
            }
            states[i] = restored;
        }
    }

    private static double ScalarOf(string key, Tensor value)
    {
        if (value.numel() != 1) throw new ArgumentException($"optimizer state '{key}' must hold one value, got shape [{string.Join(", ", value.shape)}]");
        return value.dtype == ScalarType.Int64 ? value.item<long>() : value.item<double>();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (ParameterState? s in states) s?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The state of one parameter: how many updates it has had, and named tensors shaped like it.</summary>
    protected sealed class ParameterState : IDisposable
    {
        internal ParameterState(Parameter parameter, IReadOnlyList<string> names)
        {
            foreach (string name in names)
                tensors[name] = torch.zeros_like(parameter).DetachFromDisposeScope();
        }

        public long step { get; internal set; }

        public OrderedDictionary<string, Tensor> tensors { get; } = new();

        public Tensor this[string name] => tensors[name];

        public void Dispose()
        {
            foreach (Tensor t in tensors.Values) t.Dispose();
        }
    }
}
