// Common declarations for the MlCgMd libtorch shim.
//
// ABI rules (mirrored in MlCgMd.Torch/Native/NativeMethods.cs):
//  - A tensor crosses the boundary as an opaque handle: a heap-allocated at::Tensor*.
//    Every handle returned to C# is owned by C# and released with mlt_free.
//  - No C++ exception escapes: each entry point catches, records the message in a
//    thread-local slot (mlt_last_error) and returns a failure value
//    (nullptr for handles, -1 for status codes). C# checks and throws.
//  - dtype and device are passed as small integer codes (see DType/DeviceType below).
#pragma once

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <cstdint>
#include <string>
#include <vector>

#define MLT_API extern "C" __attribute__((visibility("default")))

using TensorHandle = at::Tensor*;

namespace mlt {

// Codes shared with C# (MlCgMd.Torch.ScalarType / DeviceType).
enum DTypeCode : int { Float32 = 0, Float64 = 1, Int64 = 2, Int32 = 3, Bool = 4 };
enum DeviceCode : int { Cpu = 0, Cuda = 1 };

void set_error(const std::string& message);
void clear_error();

at::ScalarType to_scalar_type(int code);
int from_scalar_type(at::ScalarType type);
at::Device to_device(int device_type, int device_index);
at::TensorOptions options(int dtype, int device_type, int device_index);

// Wraps a tensor into an owned handle and counts it as live.
TensorHandle wrap(at::Tensor tensor);
// A handle that may be null on the C# side (optional tensor argument).
inline c10::optional<at::Tensor> optional(TensorHandle handle) {
    if (handle == nullptr) return c10::nullopt;
    return *handle;
}
inline at::IntArrayRef ints(const int64_t* values, int count) {
    return at::IntArrayRef(values, static_cast<size_t>(count));
}
std::vector<at::Tensor> tensors(const TensorHandle* handles, int count);
// Writes tensors into a caller-provided array of handles.
void write_all(const std::vector<at::Tensor>& values, TensorHandle* out);

}  // namespace mlt

// Runs the body (which must return a value of the function's type) and converts any
// exception into a recorded error plus `failure`.
#define MLT_GUARD(failure, ...)                                                   \
    try {                                                                          \
        mlt::clear_error();                                                        \
        __VA_ARGS__                                                                \
    } catch (const c10::Error& e) {                                                \
        mlt::set_error(e.what_without_backtrace());                                \
    } catch (const std::exception& e) {                                            \
        mlt::set_error(e.what());                                                  \
    } catch (...) {                                                                \
        mlt::set_error("unknown native error");                                    \
    }                                                                              \
    return failure;

#define MLT_TENSOR(...) MLT_GUARD(nullptr, { return mlt::wrap(__VA_ARGS__); })
#define MLT_STATUS(...) MLT_GUARD(-1, { __VA_ARGS__; return 0; })
