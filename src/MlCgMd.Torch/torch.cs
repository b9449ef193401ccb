using System.Runtime.InteropServices;
using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

/// <summary>
/// PyTorch's <c>torch</c> namespace: factories, joining, free functions, seeding,
/// grad mode, dispose scopes (threads: torch.threads.cs). Defaults follow PyTorch (float32 on the CPU).
/// </summary>
public static partial class torch
{
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>Version string of the libtorch the shim was built against.</summary>
    public static string version => Marshal.PtrToStringUTF8(NativeMethods.mlt_version()) ?? "?";

    // ---- factories -----------------------------------------------------------------

    public static Tensor empty(long[] shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Factory(NativeMethods.mlt_empty, shape, dtype, device, requires_grad);
    public static Tensor zeros(long[] shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Factory(NativeMethods.mlt_zeros, shape, dtype, device, requires_grad);
    public static Tensor ones(long[] shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Factory(NativeMethods.mlt_ones, shape, dtype, device, requires_grad);
    public static Tensor randn(long[] shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Factory(NativeMethods.mlt_randn, shape, dtype, device, requires_grad);
    public static Tensor rand(long[] shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Factory(NativeMethods.mlt_rand, shape, dtype, device, requires_grad);

    public static Tensor zeros(params long[] shape) => zeros(shape, float32);
    public static Tensor ones(params long[] shape) => ones(shape, float32);
    public static Tensor randn(params long[] shape) => randn(shape, float32);
    public static Tensor rand(params long[] shape) => rand(shape, float32);

    public static Tensor full(long[] shape, double value, ScalarType dtype = float32, Device? device = null,
                              bool requires_grad = false)
    {
        Device d = device ?? Device.CPU;
        return new Tensor(NativeMethods.mlt_full(shape, shape.Length, value, (int)dtype, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    // Same shape, dtype and device as t; one native call each (they sit in hot loops).
    public static Tensor empty_like(Tensor t) => new(Tensor.KeepAlive(NativeMethods.mlt_like(0, t.Handle, 0), t));
    public static Tensor zeros_like(Tensor t) => new(Tensor.KeepAlive(NativeMethods.mlt_like(1, t.Handle, 0), t));
    public static Tensor ones_like(Tensor t) => new(Tensor.KeepAlive(NativeMethods.mlt_like(2, t.Handle, 0), t));
    public static Tensor full_like(Tensor t, double value) => new(Tensor.KeepAlive(NativeMethods.mlt_like(3, t.Handle, value), t));
    public static Tensor randn_like(Tensor t) => new(Tensor.KeepAlive(NativeMethods.mlt_like(4, t.Handle, 0), t));
    public static Tensor rand_like(Tensor t) => new(Tensor.KeepAlive(NativeMethods.mlt_like(5, t.Handle, 0), t));

    /// <summary>Integers uniformly from [low, high).</summary>
    public static Tensor randint(long low, long high, long[] shape, ScalarType dtype = int64, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        return new Tensor(NativeMethods.mlt_randint(low, high, shape, shape.Length, (int)dtype, (int)d.Type, d.Index));
    }

    public static Tensor randperm(long n, ScalarType dtype = int64, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        return new Tensor(NativeMethods.mlt_randperm(n, (int)dtype, (int)d.Type, d.Index));
    }

    /// <summary>
    /// Values from start (inclusive) to end (exclusive). Without a dtype the result is int64 when
    /// start, end and step are whole numbers and float32 otherwise (PyTorch infers it from the
    /// Python argument types; a C# double cannot say whether it was written 1 or 1.0).
    /// </summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType? dtype = null, Device? device = null,
                                bool requires_grad = false)
    {
        Device d = device ?? Device.CPU;
        ScalarType type = dtype ?? (IsWhole(start) && IsWhole(end) && IsWhole(step) ? int64 : float32);
        return new Tensor(NativeMethods.mlt_arange(start, end, step, (int)type, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    private static bool IsWhole(double value) => Math.Floor(value) == value;

    public static Tensor arange(long end, ScalarType dtype = int64, Device? device = null) => arange(0, end, 1, dtype, device);

    public static Tensor linspace(double start, double end, long steps, ScalarType dtype = float32, Device? device = null,
                                  bool requires_grad = false)
    {
        Device d = device ?? Device.CPU;
        return new Tensor(NativeMethods.mlt_linspace(start, end, steps, (int)dtype, (int)d.Type, d.Index, requires_grad ? 1 : 0));
    }

    public static Tensor eye(long n, long? m = null, ScalarType dtype = float32, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        return new Tensor(NativeMethods.mlt_eye(n, m ?? n, (int)dtype, (int)d.Type, d.Index, 0));
    }

    /// <summary>A 0-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor scalar_tensor(double value, ScalarType dtype = float32, Device? device = null)
    {
        Device d = device ?? Device.CPU;
        return new Tensor(NativeMethods.mlt_scalar_tensor(value, (int)dtype, (int)d.Type, d.Index));
    }

    private delegate IntPtr FactoryCall(long[] shape, int ndim, int dtype, int dev, int idx, int rg);

    private static Tensor Factory(FactoryCall call, long[] shape, ScalarType dtype, Device? device, bool requiresGrad)
    {
        Device d = device ?? Device.CPU;
        return new Tensor(call(shape, shape.Length, (int)dtype, (int)d.Type, d.Index, requiresGrad ? 1 : 0));
    }

    // ---- from .NET data --------------------------------------------------------------

    /// <summary>Copies <paramref name="data"/> into a new CPU tensor of the given shape (1-D when no shape is given).</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, long[]? shape = null, bool requires_grad = false,
                                          Device? device = null) where T : unmanaged
    {
        ScalarType dtype = ScalarTypeExtensions.Of<T>();
        shape ??= [data.Length];
        long expected = 1;
        foreach (long s in shape)
        {
            if (s < 0) throw new ArgumentException($"shape [{string.Join(", ", shape)}] has a negative size");
            expected *= s;
        }
        if (expected != data.Length)
            throw new ArgumentException(
                $"{data.Length} values cannot fill a tensor of shape [{string.Join(", ", shape)}] ({expected} elements)");
        Tensor result;
        fixed (T* p = data)
        {
            result = new Tensor(NativeMethods.mlt_from_data(p, (long)data.Length * sizeof(T), shape, shape.Length, (int)dtype,
                requires_grad && device is null ? 1 : 0));
        }
        if (device is { } d && d.Type != DeviceType.CPU)
        {
            Tensor moved = result.to(d);
            result.Dispose();
            if (requires_grad) moved.requires_grad = true;
            return moved;
        }
        if (requires_grad && device is not null) result.requires_grad = true;
        return result;
    }

    public static Tensor tensor<T>(T[] data, long[]? shape = null, bool requires_grad = false, Device? device = null)
        where T : unmanaged => tensor((ReadOnlySpan<T>)data, shape, requires_grad, device);

    /// <summary>A 2-D tensor from a rectangular array.</summary>
    public static Tensor tensor<T>(T[,] data, bool requires_grad = false) where T : unmanaged
    {
        var flat = new T[data.Length];
        int rows = data.GetLength(0), cols = data.GetLength(1);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                flat[i * cols + j] = data[i, j];
        return tensor(flat, [rows, cols], requires_grad);
    }

    /// <summary>A 0-dimensional tensor (float64 for a double, int64 for a long, ...).</summary>
    public static Tensor tensor(double value) => tensor(new[] { value }, []);
    public static Tensor tensor(float value) => tensor(new[] { value }, []);
    public static Tensor tensor(long value) => tensor(new[] { value }, []);

    // ---- joining and free functions ----------------------------------------------

    public static Tensor cat(IEnumerable<Tensor> tensors, long dim = 0)
    {
        Tensor[] list = tensors.ToArray();      // held until the call returns (a lazy sequence's tensors are referenced by nothing else)
        IntPtr[] handles = list.Select(t => t.Handle).ToArray();
        return new Tensor(Tensor.KeepAlive(NativeMethods.mlt_cat(handles, handles.Length, dim), list));
    }

    public static Tensor stack(IEnumerable<Tensor> tensors, long dim = 0)
    {
        Tensor[] list = tensors.ToArray();      // held until the call returns, as in cat
        IntPtr[] handles = list.Select(t => t.Handle).ToArray();
        return new Tensor(Tensor.KeepAlive(NativeMethods.mlt_stack(handles, handles.Length, dim), list));
    }

    public static Tensor where(Tensor condition, Tensor a, Tensor b) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_where(condition.Handle, a.Handle, b.Handle), condition, a, b));

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor outer(Tensor a, Tensor b) => a.outer(b);
    public static Tensor addmm(Tensor input, Tensor m1, Tensor m2, double beta = 1, double alpha = 1) =>
        input.addmm(m1, m2, beta, alpha);

    /// <summary>Pairwise p-norm distances between the rows of x1 [..., P, M] and x2 [..., R, M].</summary>
    public static Tensor cdist(Tensor x1, Tensor x2, double p = 2) => new(Tensor.KeepAlive(NativeMethods.mlt_cdist(x1.Handle, x2.Handle, p), x1, x2));

    /// <summary>
    /// Normalises over the trailing <paramref name="normalized_shape"/> dimensions, then scales and
    /// shifts element-wise (PyTorch's torch.layer_norm; weight and bias have normalized_shape).
    /// </summary>
    public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null,
                                    double eps = 1e-5) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_layer_norm(input.Handle, normalized_shape, normalized_shape.Length,
            weight?.Handle ?? IntPtr.Zero, bias?.Handle ?? IntPtr.Zero, eps), input, weight, bias));

    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor exp(Tensor a) => a.exp();
    public static Tensor log(Tensor a) => a.log();
    public static Tensor sqrt(Tensor a) => a.sqrt();
    public static Tensor abs(Tensor a) => a.abs();
    public static Tensor sum(Tensor a) => a.sum();
    public static Tensor mean(Tensor a) => a.mean();
    public static Tensor isnan(Tensor a) => a.isnan();
    public static Tensor isfinite(Tensor a) => a.isfinite();
    public static Tensor clamp(Tensor a, double? min = null, double? max = null) => a.clamp(min, max);

    // ---- process-wide settings -------------------------------------------------------

    /// <summary>Seeds libtorch's generators: the same seed gives bit-identical CPU results.</summary>
    public static void manual_seed(ulong seed) => NativeCheck.Status(NativeMethods.mlt_manual_seed(seed));

    // ---- grad mode and scopes -------------------------------------------------------

    public static bool is_grad_enabled() => NativeMethods.mlt_is_grad_enabled() == 1;

    /// <summary>Disables autograd recording on this thread until disposed: <c>using (torch.no_grad()) { ... }</c>.</summary>
    public static IDisposable no_grad() => new GradModeScope(false);

    /// <summary>Enables autograd recording on this thread until disposed.</summary>
    public static IDisposable enable_grad() => new GradModeScope(true);

    /// <summary>Opens a scope that frees the tensors created inside it (see <see cref="DisposeScope"/>).</summary>
    public static DisposeScope NewDisposeScope() => new();

    private sealed class GradModeScope : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeScope(bool enabled)
        {
            previous = NativeMethods.mlt_is_grad_enabled() == 1;
            NativeMethods.mlt_set_grad_enabled(enabled ? 1 : 0);
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            NativeMethods.mlt_set_grad_enabled(previous ? 1 : 0);
        }
    }
}
