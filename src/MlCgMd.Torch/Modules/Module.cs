namespace MlCgMd.Torch.Modules;

/// <summary>
/// Base class of network layers (PyTorch's nn.Module): owns parameters, buffers and child
/// modules, registered by name in a fixed order so that <see cref="state_dict"/> gives
/// PyTorch's dotted names (<c>_encode._node_mlp.0.weight</c>) in PyTorch's order.
/// Disposing a module frees its parameters, buffers and children.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string name, Parameter? parameter)> parameterSlots = [];
    private readonly List<(string name, Tensor? buffer)> bufferSlots = [];
    private readonly List<(string name, Module module)> childSlots = [];
    private bool disposed;

    /// <summary>Training mode (dropout active and the like); set recursively by <see cref="train"/>.</summary>
    public bool training { get; private set; } = true;

    public Module train(bool mode = true)
    {
        foreach ((_, Module m) in named_modules()) m.training = mode;
        return this;
    }

    public Module eval() => train(false);

    // ---- registration ------------------------------------------------------------------

    /// <summary>Adds (or replaces) a parameter; null reserves the name without a tensor (PyTorch's None).</summary>
    protected void register_parameter(string name, Parameter? p) => Register(parameterSlots, name, p, "parameter");

    /// <summary>
    /// Adds (or replaces) a non-trainable tensor saved in the state dict. The module takes
    /// ownership: the tensor leaves its dispose scope.
    /// </summary>
    protected void register_buffer(string name, Tensor? t)
    {
        t?.DetachFromDisposeScope();
        Register(bufferSlots, name, t, "buffer");
    }

    /// <summary>Adds (or replaces) a child module and returns it.</summary>
    protected T register_module<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        Register(childSlots, name, (Module)module, "module");
        return module;
    }

    private void Register<T>(List<(string name, T value)> slots, string name, T value, string kind)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"{kind} name '{name}' must be non-empty and contain no '.'", nameof(name));
        if ((kind != "parameter" && parameterSlots.Any(s => s.name == name)) ||
            (kind != "buffer" && bufferSlots.Any(s => s.name == name)) ||
            (kind != "module" && childSlots.Any(s => s.name == name)))
            throw new ArgumentException($"cannot register {kind} '{name}' in {GetType().Name}: the name is already taken by another kind of member");
        int index = slots.FindIndex(s => s.name == name);
        if (index >= 0) slots[index] = (name, value);
        else slots.Add((name, value));
    }

    // ---- traversal ---------------------------------------------------------------------

    /// <summary>Parameters with dotted names, each once (shared parameters are listed under their first name).</summary>
    public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach ((string prefix, Module m) in recurse ? named_modules() : [("", this)])
            foreach ((string name, Parameter? p) in m.parameterSlots)
                if (p is not null && seen.Add(p))
                    yield return (Join(prefix, name), p);
    }

    public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(np => np.parameter);

    public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
    {
        foreach ((string prefix, Module m) in recurse ? named_modules() : [("", this)])
            foreach ((string name, Tensor? b) in m.bufferSlots)
                if (b is not null)
                    yield return (Join(prefix, name), b);
    }

    public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(nb => nb.buffer);

    public IEnumerable<(string name, Module module)> named_children() => childSlots;

    public IEnumerable<Module> children() => childSlots.Select(c => c.module);

    /// <summary>This module (name "") and all descendants, depth first in registration order.</summary>
    public IEnumerable<(string name, Module module)> named_modules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return NamedModules("", seen);
    }

    private IEnumerable<(string name, Module module)> NamedModules(string prefix, HashSet<Module> seen)
    {
        if (!seen.Add(this)) yield break;
        yield return (prefix, this);
        foreach ((string name, Module child) in childSlots)
            foreach (var entry in child.NamedModules(Join(prefix, name), seen))
                yield return entry;
    }

    public IEnumerable<Module> modules() => named_modules().Select(nm => nm.module);

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>Total number of elements over all parameters.</summary>
    public long num_parameters() => parameters().Sum(p => p.numel());

    // ---- state ---------------------------------------------------------------------------

    /// <summary>
    /// Every parameter and buffer by dotted name: per module its parameters, then its buffers,
    /// then its children's entries (PyTorch's order). Entries are detached tensors sharing the
    /// module's storage; each is a new handle owned by the current dispose scope.
    /// </summary>
    public OrderedDictionary<string, Tensor> state_dict()
    {
        var state = new OrderedDictionary<string, Tensor>();
        AddState(state, "");
        return state;
    }

    private void AddState(OrderedDictionary<string, Tensor> state, string prefix)
    {
        foreach ((string name, Parameter? p) in parameterSlots)
            if (p is not null) state[Join(prefix, name)] = p.detach();
        foreach ((string name, Tensor? b) in bufferSlots)
            if (b is not null) state[Join(prefix, name)] = b.detach();
        foreach ((string name, Module child) in childSlots)
            child.AddState(state, Join(prefix, name));
    }

    /// <summary>
    /// Copies values in place (under no_grad) into the parameters and buffers named in
    /// <paramref name="state"/>. Shape or dtype mismatches always fail; with
    /// <paramref name="strict"/>, missing or unexpected keys fail too. Everything is checked
    /// before anything is copied, so a failed load leaves the module unchanged.
    /// </summary>
    public (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) load_state_dict(
        IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var targets = new List<(string name, Tensor target)>();
        CollectTargets(targets, "");
        var own = targets.Select(t => t.name).ToHashSet();
        List<string> missing = targets.Select(t => t.name).Where(n => !state.ContainsKey(n)).ToList();
        List<string> unexpected = state.Keys.Where(k => !own.Contains(k)).ToList();

        var problems = new List<string>();
        foreach ((string name, Tensor target) in targets)
        {
            if (!state.TryGetValue(name, out Tensor? source)) continue;
            long[] expectedShape = target.shape, actualShape = source.shape;
            if (!expectedShape.SequenceEqual(actualShape))
                problems.Add($"size mismatch for {name}: copying a param with shape {Format(actualShape)} from checkpoint, " +
                             $"the shape in current model is {Format(expectedShape)}");
            else if (source.dtype != target.dtype)
                problems.Add($"dtype mismatch for {name}: checkpoint has {source.dtype.Name()}, " +
                             $"the current model has {target.dtype.Name()}");
        }
        if (strict)
        {
            if (missing.Count > 0) problems.Add("Missing key(s) in state_dict: " + string.Join(", ", missing.Select(k => $"\"{k}\"")));
            if (unexpected.Count > 0) problems.Add("Unexpected key(s) in state_dict: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")));
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"Error(s) in loading state_dict for {GetType().Name}:\n\t" + string.Join("\n\t", problems));

        using (torch.no_grad())
        {
            foreach ((string name, Tensor target) in targets)
                if (state.TryGetValue(name, out Tensor? source))
                    target.copy_(source);
        }
        return (missing, unexpected);
    }

    private void CollectTargets(List<(string name, Tensor target)> targets, string prefix)
    {
        foreach ((string name, Parameter? p) in parameterSlots)
            if (p is not null) targets.Add((Join(prefix, name), p));
        foreach ((string name, Tensor? b) in bufferSlots)
            if (b is not null) targets.Add((Join(prefix, name), b));
        foreach ((string name, Module child) in childSlots)
            child.CollectTargets(targets, Join(prefix, name));
    }

    private static string Format(long[] shape) => $"[{string.Join(", ", shape)}]";

    // ---- device, dtype, gradients ---------------------------------------------------------

    /// <summary>Moves parameters and buffers; each parameter object keeps its identity (optimizers still hold it).</summary>
    public Module to(Device device) => Convert(t => t.to(device));

    /// <summary>Casts floating-point parameters and buffers (integer buffers are left alone, as in PyTorch).</summary>
    public Module to(ScalarType dtype)
    {
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"Module.to only accepts floating-point dtypes, got {dtype.Name()}", nameof(dtype));
        return Convert(t => t.dtype.IsFloatingPoint() ? t.to(dtype) : t.alias());
    }

    private Module Convert(Func<Tensor, Tensor> convert)
    {
        using (torch.no_grad())
        {
            foreach (Module m in modules())
            {
                foreach ((_, Parameter? p) in m.parameterSlots)
                    if (p is not null) ConvertParameter(p, convert);
                foreach ((_, Tensor? b) in m.bufferSlots)
                    if (b is not null) ReplaceData(b, convert);
            }
        }
        return this;
    }

    private static void ConvertParameter(Parameter p, Func<Tensor, Tensor> convert)
    {
        bool requiresGrad = p.requires_grad;
        using Tensor? grad = p.grad;
        p.grad = null;
        ReplaceData(p, convert);
        p.requires_grad = requiresGrad;
        if (grad is not null)
        {
            using Tensor converted = convert(grad);
            p.grad = converted;
        }
    }

    /// <summary>Points <paramref name="t"/> at the converted data; the old native tensor is freed.</summary>
    private static void ReplaceData(Tensor t, Func<Tensor, Tensor> convert)
    {
        using Tensor converted = convert(t);
        using Tensor leaf = converted.detach();
        t.SwapHandle(leaf);
    }

    /// <summary>Clears every parameter's gradient (PyTorch's zero_grad(set_to_none=True)).</summary>
    public void zero_grad()
    {
        foreach (Parameter p in parameters()) p.grad = null;
    }

    // ---- lifetime --------------------------------------------------------------------------

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing) return;
        disposed = true;
        foreach ((_, Parameter? p) in parameterSlots) p?.Dispose();
        foreach ((_, Tensor? b) in bufferSlots) b?.Dispose();
        foreach ((_, Module child) in childSlots) child.Dispose();
    }
}
