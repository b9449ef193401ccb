using System.Collections;

namespace MlCgMd.Torch.Modules;

/// <summary>A list of child modules, named by index ("0", "1", ...) as in PyTorch.</summary>
public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = [];

    public ModuleList(params T[] modules)
    {
        foreach (T m in modules) Add(m);
    }

    public ModuleList(IEnumerable<T> modules)
    {
        foreach (T m in modules) Add(m);
    }

    public void Add(T module) => items.Add(register_module(items.Count.ToString(), module));

    public int Count => items.Count;

    public T this[int index] => items[index];

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
