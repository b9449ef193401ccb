// Error slot, handle lifetime and dtype/device code conversion.
#include "shim.h"

#include <atomic>
#include <cstring>

namespace {
thread_local std::string last_error;
std::atomic<int64_t> live_tensors{0};
}  // namespace

namespace mlt {

void set_error(const std::string& message) { last_error = message.empty() ? "native error" : message; }
void clear_error() { last_error.clear(); }

at::ScalarType to_scalar_type(int code) {
    switch (code) {
        case Float32: return at::kFloat;
        case Float64: return at::kDouble;
        case Int64: return at::kLong;
        case Int32: return at::kInt;
        case Bool: return at::kBool;
    }
    throw std::invalid_argument("unknown dtype code " + std::to_string(code));
}

int from_scalar_type(at::ScalarType type) {
    switch (type) {
        case at::kFloat: return Float32;
        case at::kDouble: return Float64;
        case at::kLong: return Int64;
        case at::kInt: return Int32;
        case at::kBool: return Bool;
        default:
            throw std::invalid_argument(std::string("dtype ") + c10::toString(type) +
                                        " is not supported by MlCgMd.Torch");
    }
}

at::Device to_device(int device_type, int device_index) {
    switch (device_type) {
        case Cpu: return at::Device(at::kCPU);
        case Cuda:
            if (!at::hasCUDA())
                throw std::runtime_error(
                    "CUDA is not available: this libtorch was built without CUDA or no GPU is visible "
                    "(build with -p:LibTorchDir=<CUDA-enabled libtorch> on a GPU machine)");
            return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(device_index < 0 ? 0 : device_index));
    }
    throw std::invalid_argument("unknown device code " + std::to_string(device_type));
}

at::TensorOptions options(int dtype, int device_type, int device_index) {
    return at::TensorOptions().dtype(to_scalar_type(dtype)).device(to_device(device_type, device_index));
}

TensorHandle wrap(at::Tensor tensor) {
    live_tensors.fetch_add(1, std::memory_order_relaxed);
    return new at::Tensor(std::move(tensor));
}

std::vector<at::Tensor> tensors(const TensorHandle* handles, int count) {
    std::vector<at::Tensor> result;
    result.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        if (handles[i] == nullptr) throw std::invalid_argument("null tensor in tensor list at position " + std::to_string(i));
        result.push_back(*handles[i]);
    }
    return result;
}

void write_all(const std::vector<at::Tensor>& values, TensorHandle* out) {
    for (size_t i = 0; i < values.size(); ++i) out[i] = values[i].defined() ? wrap(values[i]) : nullptr;
}

}  // namespace mlt

MLT_API const char* mlt_last_error() { return last_error.c_str(); }

MLT_API void mlt_free(TensorHandle handle) {
    if (handle == nullptr) return;
    live_tensors.fetch_sub(1, std::memory_order_relaxed);
    delete handle;
}

MLT_API int64_t mlt_live_tensors() { return live_tensors.load(std::memory_order_relaxed); }

// Strings returned to C# are malloc'ed and released with mlt_free_string.
MLT_API void mlt_free_string(char* s) { std::free(s); }
