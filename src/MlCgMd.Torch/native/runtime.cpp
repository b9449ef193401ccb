// Process-wide settings: random seed, CUDA availability, version.
#include "shim.h"

#include <ATen/Context.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/csrc/api/include/torch/version.h>

MLT_API int mlt_manual_seed(uint64_t seed) {
    MLT_STATUS({
        at::manual_seed(seed);
    })
}
MLT_API int mlt_cuda_is_available() { return at::hasCUDA() ? 1 : 0; }
MLT_API int mlt_cuda_device_count() { return at::hasCUDA() ? static_cast<int>(at::detail::getCUDAHooks().getNumGPUs()) : 0; }
MLT_API int mlt_cuda_synchronize() {
    MLT_STATUS({
        TORCH_CHECK(at::hasCUDA(), "CUDA is not available in this libtorch build");
        at::globalContext().lazyInitCUDA();
        at::detail::getCUDAHooks().deviceSynchronize(0);
    })
}
MLT_API const char* mlt_version() { return TORCH_VERSION; }
