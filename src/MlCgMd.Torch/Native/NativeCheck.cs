using System.Runtime.InteropServices;

namespace MlCgMd.Torch.Native;

/// <summary>Turns the shim's failure values into <see cref="TorchException"/>s.</summary>
internal static class NativeCheck
{
    internal static string LastError() => Marshal.PtrToStringUTF8(NativeMethods.mlt_last_error()) ?? "";

    /// <summary>A handle result: zero means failure.</summary>
    internal static IntPtr Handle(IntPtr handle)
    {
        if (handle == IntPtr.Zero) throw new TorchException(LastError());
        return handle;
    }

    /// <summary>A status result: negative means failure.</summary>
    internal static int Status(int status)
    {
        if (status < 0) throw new TorchException(LastError());
        return status;
    }

    /// <summary>A result whose every value is legal (item, norms): failure shows only in the error slot.</summary>
    internal static T Value<T>(T value)
    {
        string error = LastError();
        if (error.Length > 0) throw new TorchException(error);
        return value;
    }
}
