namespace MlCgMd.Model;

/// <summary>The dynamics networks a config can name in <c>dynamics_network</c>.</summary>
public static class DynamicsNetworks
{
    public static readonly IReadOnlyList<string> Names = [GnsDynamics.Name];

    public static IDynamicsNetwork Create(ModelConfig config, DynamicsNetworkSizes sizes) => config.DynamicsNetwork switch
    {
        GnsDynamics.Name => new GnsDynamics(sizes, config.DynamicsGn),
        _ => throw Unknown(config.DynamicsNetwork, "model config"),
    };

    /// <summary>Refuses a name no network here answers to, naming <paramref name="source"/>.</summary>
    public static void Require(string name, string source)
    {
        if (!Names.Contains(name)) throw Unknown(name, source);
    }

    private static InvalidDataException Unknown(string name, string source) => new(
        $"{source}: field 'dynamics_network' is '{name}', expected {string.Join(", ", Names.Select(n => $"'{n}'"))}");
}
