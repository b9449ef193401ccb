// Tensor metadata, conversion between dtypes/devices, and data copy-out.
#include "shim.h"

#include <cstdlib>
#include <cstring>
#include <sstream>

MLT_API int mlt_dim(TensorHandle t) { MLT_GUARD(-1, { return static_cast<int>(t->dim()); }) }

MLT_API int mlt_shape(TensorHandle t, int64_t* out) {
    MLT_GUARD(-1, {
        auto sizes = t->sizes();
        for (size_t i = 0; i < sizes.size(); ++i) out[i] = sizes[i];
        return static_cast<int>(sizes.size());
    })
}

MLT_API int mlt_dtype(TensorHandle t) { MLT_GUARD(-1, { return mlt::from_scalar_type(t->scalar_type()); }) }

MLT_API int mlt_device_type(TensorHandle t) {
    MLT_GUARD(-1, { return t->device().is_cuda() ? mlt::Cuda : mlt::Cpu; })
}

MLT_API int mlt_device_index(TensorHandle t) { MLT_GUARD(-2, { return static_cast<int>(t->device().index()); }) }

MLT_API int64_t mlt_numel(TensorHandle t) { MLT_GUARD(-1, { return t->numel(); }) }

MLT_API int mlt_requires_grad(TensorHandle t) { MLT_GUARD(-1, { return t->requires_grad() ? 1 : 0; }) }

MLT_API int mlt_is_leaf(TensorHandle t) { MLT_GUARD(-1, { return t->is_leaf() ? 1 : 0; }) }

MLT_API int mlt_is_contiguous(TensorHandle t) { MLT_GUARD(-1, { return t->is_contiguous() ? 1 : 0; }) }

MLT_API int mlt_set_requires_grad(TensorHandle t, int value) { MLT_STATUS(t->requires_grad_(value != 0)) }

MLT_API double mlt_item_double(TensorHandle t) {
    // NaN is a legitimate value, so failures are signalled through the error slot only.
    MLT_GUARD(0.0, { return t->item<double>(); })
}

MLT_API int64_t mlt_item_int64(TensorHandle t) { MLT_GUARD(0, { return t->item<int64_t>(); }) }

// Copies the elements (row-major, contiguous, on CPU) into `destination`, which holds
// `capacity_bytes`. The dtype must equal `expected_dtype` so C# element types match.
MLT_API int mlt_copy_to(TensorHandle t, void* destination, int64_t capacity_bytes, int expected_dtype) {
    MLT_STATUS({
        auto expected = mlt::to_scalar_type(expected_dtype);
        TORCH_CHECK(t->scalar_type() == expected, "cannot copy a tensor of dtype ", t->scalar_type(),
                    " into a buffer of ", expected);
        at::Tensor cpu = t->detach().to(at::kCPU).contiguous();
        int64_t bytes = cpu.numel() * static_cast<int64_t>(cpu.element_size());
        TORCH_CHECK(bytes <= capacity_bytes, "destination buffer holds ", capacity_bytes, " bytes but the tensor needs ",
                    bytes);
        if (bytes > 0) std::memcpy(destination, cpu.data_ptr(), static_cast<size_t>(bytes));
    })
}

MLT_API char* mlt_to_string(TensorHandle t) {
    MLT_GUARD(nullptr, {
        std::ostringstream stream;
        stream << *t;
        return strdup(stream.str().c_str());
    })
}

// A second handle to the same tensor (shares storage and autograd identity).
MLT_API TensorHandle mlt_alias(TensorHandle t) { MLT_TENSOR(at::Tensor(*t)) }

MLT_API TensorHandle mlt_to(TensorHandle t, int dtype, int device_type, int device_index, int copy) {
    MLT_TENSOR(t->to(mlt::to_device(device_type, device_index), mlt::to_scalar_type(dtype), false, copy != 0))
}

MLT_API TensorHandle mlt_clone(TensorHandle t) { MLT_TENSOR(t->clone()) }
MLT_API TensorHandle mlt_detach(TensorHandle t) { MLT_TENSOR(t->detach()) }
MLT_API TensorHandle mlt_contiguous(TensorHandle t) { MLT_TENSOR(t->contiguous()) }
