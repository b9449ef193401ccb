using System.Runtime.InteropServices;
using MlCgMd.Torch.Native;

namespace MlCgMd.Torch;

/// <summary>
/// An n-dimensional array with autograd, backed by a libtorch tensor. Owns one native
/// handle; freed by <see cref="Dispose"/>, by the enclosing <see cref="DisposeScope"/>,
/// or (as a last resort) by the finalizer. Methods follow PyTorch's names and semantics.
/// The operations live in the partial files Tensor.*.cs by family.
/// </summary>
public partial class Tensor : IDisposable
{
    private IntPtr handle;

    /// <summary>Takes ownership of a native handle and registers with the current dispose scope.</summary>
    internal Tensor(IntPtr handle, bool registerInScope = true)
    {
        this.handle = NativeCheck.Handle(handle);
        if (registerInScope && DisposeScope.Current is { } scope)
        {
            OwningScope = scope;
            scope.Add(this);
        }
    }

    internal DisposeScope? OwningScope { get; set; }

    // Every native call that reads handles goes through KeepAlive: the objects whose handles it read stay
    // reachable until the call has returned. Without it the JIT may treat an operand as dead once its handle is
    // read (a temporary such as x.gt(0) in x.gt(0).sum()), and outside a dispose scope its finalizer can then
    // free the native tensor while the call still uses it (a segfault under GC pressure, measured).
    internal static T KeepAlive<T>(T result, object? a)
    {
        GC.KeepAlive(a);
        return result;
    }

    internal static T KeepAlive<T>(T result, object? a, object? b)
    {
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return result;
    }

    internal static T KeepAlive<T>(T result, object? a, object? b, object? c)
    {
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
        return result;
    }

    internal static T KeepAlive<T>(T result, object? a, object? b, object? c, object? d)
    {
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(c);
        GC.KeepAlive(d);
        return result;
    }

    internal IntPtr Handle
    {
        get
        {
            if (handle == IntPtr.Zero) throw new ObjectDisposedException(nameof(Tensor), "the tensor has been disposed");
            return handle;
        }
    }

    /// <summary>Replaces the native tensor this object refers to (used when a parameter moves device).</summary>
    internal void SwapHandle(Tensor other)
    {
        (handle, other.handle) = (other.handle, handle);
    }

    public bool IsDisposed => handle == IntPtr.Zero;

    /// <summary>Number of native tensor handles alive in the process (for leak checks).</summary>
    public static long LiveCount => NativeMethods.mlt_live_tensors();

    // ---- metadata -------------------------------------------------------------------

    public long dim() => NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_dim(Handle), this));

    public unsafe long[] shape
    {
        get
        {
            long* buffer = stackalloc long[64]; // libtorch's dimension limit
            int n = NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_shape(Handle, buffer), this));
            return new ReadOnlySpan<long>(buffer, n).ToArray();
        }
    }

    public long size(long dim)
    {
        long[] s = shape;
        long d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length)
            throw new TorchException($"Dimension out of range (expected to be in range of [{-s.Length}, {s.Length - 1}], but got {dim})");
        return s[d];
    }

    public long numel()
    {
        long n = Tensor.KeepAlive(NativeMethods.mlt_numel(Handle), this);
        if (n < 0) throw new TorchException(NativeCheck.LastError());
        return n;
    }

    public ScalarType dtype => (ScalarType)NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_dtype(Handle), this));

    public Device device
    {
        get
        {
            var type = (DeviceType)NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_device_type(Handle), this));
            return type == DeviceType.CPU ? Device.CPU : new Device(type, Tensor.KeepAlive(NativeMethods.mlt_device_index(Handle), this));
        }
    }

    public bool is_cuda => device.Type == DeviceType.CUDA;

    public bool is_contiguous() => NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_is_contiguous(Handle), this)) == 1;

    // ---- conversion ------------------------------------------------------------------

    public Tensor to(ScalarType type, bool copy = false) => to(type, device, copy);

    public Tensor to(Device target, bool copy = false) => to(dtype, target, copy);

    public Tensor to(ScalarType type, Device target, bool copy = false) =>
        new(Tensor.KeepAlive(NativeMethods.mlt_to(Handle, (int)type, (int)target.Type, target.Index, copy ? 1 : 0), this));

    public Tensor cpu() => to(Device.CPU);
    public Tensor cuda(int index = 0) => to(new Device(DeviceType.CUDA, index));
    public Tensor @float() => to(ScalarType.Float32);
    public Tensor @double() => to(ScalarType.Float64);
    public Tensor @long() => to(ScalarType.Int64);
    public Tensor @int() => to(ScalarType.Int32);
    public Tensor @bool() => to(ScalarType.Bool);

    public Tensor clone() => new(Tensor.KeepAlive(NativeMethods.mlt_clone(Handle), this));
    public Tensor contiguous() => new(Tensor.KeepAlive(NativeMethods.mlt_contiguous(Handle), this));

    /// <summary>A new handle to the same tensor (same storage and autograd node).</summary>
    public Tensor alias() => new(Tensor.KeepAlive(NativeMethods.mlt_alias(Handle), this));

    // ---- data out --------------------------------------------------------------------

    /// <summary>Copies all elements, row-major, into a new array. T must match the dtype.</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        ScalarType expected = ScalarTypeExtensions.Of<T>();
        var result = new T[numel()];
        fixed (T* p = result)
        {
            NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_copy_to(Handle, p, (long)result.Length * sizeof(T), (int)expected), this));
        }
        return result;
    }

    /// <summary>Copies all elements into <paramref name="destination"/> (length must be at least numel).</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        ScalarType expected = ScalarTypeExtensions.Of<T>();
        fixed (T* p = destination)
        {
            NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_copy_to(Handle, p, (long)destination.Length * sizeof(T), (int)expected), this));
        }
    }

    /// <summary>The value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        object value;
        if (typeof(T) == typeof(double)) value = NativeCheck.Value(Tensor.KeepAlive(NativeMethods.mlt_item_double(Handle), this));
        else if (typeof(T) == typeof(float)) value = (float)NativeCheck.Value(Tensor.KeepAlive(NativeMethods.mlt_item_double(Handle), this));
        else if (typeof(T) == typeof(long)) value = NativeCheck.Value(Tensor.KeepAlive(NativeMethods.mlt_item_int64(Handle), this));
        else if (typeof(T) == typeof(int)) value = checked((int)NativeCheck.Value(Tensor.KeepAlive(NativeMethods.mlt_item_int64(Handle), this)));
        else if (typeof(T) == typeof(bool)) value = NativeCheck.Value(Tensor.KeepAlive(NativeMethods.mlt_item_int64(Handle), this)) != 0;
        else throw new NotSupportedException($"item<{typeof(T).Name}> is not supported");
        return (T)value;
    }

    public double ToDouble() => item<double>();
    public float ToSingle() => item<float>();
    public long ToInt64() => item<long>();
    public bool ToBoolean() => item<bool>();

    // ---- lifetime --------------------------------------------------------------------

    /// <summary>Removes the tensor from its dispose scope: the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope?.Remove(this);
        OwningScope = null;
        return this;
    }

    /// <summary>Moves the tensor to the scope enclosing its current one, so it outlives that scope.</summary>
    public Tensor MoveToOuterDisposeScope()
    {
        OwningScope?.MoveToOuter(this);
        return this;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (handle == IntPtr.Zero) return;
        if (disposing && OwningScope is { } scope)
        {
            scope.Remove(this);
            OwningScope = null;
        }
        NativeMethods.mlt_free(handle);
        handle = IntPtr.Zero;
    }

    ~Tensor() => Dispose(false);

    // ---- printing --------------------------------------------------------------------

    /// <summary>PyTorch-like print: summarised values (first and last 3 per dimension), shape and dtype.</summary>
    public override string ToString() => IsDisposed ? "tensor(<disposed>)" : TensorFormatter.Format(this);

    /// <summary>libtorch's own complete print of the tensor (every element).</summary>
    public string ToNativeString()
    {
        IntPtr text = NativeCheck.Handle(Tensor.KeepAlive(NativeMethods.mlt_to_string(Handle), this));
        try { return Marshal.PtrToStringUTF8(text) ?? ""; }
        finally { NativeMethods.mlt_free_string(text); }
    }
}
