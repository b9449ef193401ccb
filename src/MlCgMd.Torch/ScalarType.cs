namespace MlCgMd.Torch;

/// <summary>Element types supported by MlCgMd.Torch. Codes match the native shim.</summary>
public enum ScalarType
{
    Float32 = 0,
    Float64 = 1,
    Int64 = 2,
    Int32 = 3,
    Bool = 4,
}

public static class ScalarTypeExtensions
{
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.Float32 => 4,
        ScalarType.Float64 => 8,
        ScalarType.Int64 => 8,
        ScalarType.Int32 => 4,
        ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool IsFloatingPoint(this ScalarType type) => type is ScalarType.Float32 or ScalarType.Float64;

    /// <summary>PyTorch's spelling: float32, float64, int64, int32, bool.</summary>
    public static string Name(this ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Bool => "bool",
        _ => type.ToString(),
    };

    /// <summary>The element type a .NET type maps to (float, double, long, int, bool).</summary>
    public static ScalarType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ScalarType.Float32;
        if (typeof(T) == typeof(double)) return ScalarType.Float64;
        if (typeof(T) == typeof(long)) return ScalarType.Int64;
        if (typeof(T) == typeof(int)) return ScalarType.Int32;
        if (typeof(T) == typeof(bool)) return ScalarType.Bool;
        throw new NotSupportedException($"no tensor dtype for .NET type {typeof(T).Name}; use float, double, long, int or bool");
    }

    public static ScalarType Parse(string name) => name switch
    {
        "float32" or "float" or "F32" => ScalarType.Float32,
        "float64" or "double" or "F64" => ScalarType.Float64,
        "int64" or "long" or "I64" => ScalarType.Int64,
        "int32" or "int" or "I32" => ScalarType.Int32,
        "bool" or "BOOL" => ScalarType.Bool,
        _ => throw new ArgumentException($"unknown dtype '{name}'; expected float32, float64, int64, int32 or bool"),
    };
}
