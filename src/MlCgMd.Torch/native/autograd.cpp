// Autograd: backward passes, .grad access, torch.autograd.grad and grad mode.
#include "shim.h"

#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>

MLT_API int mlt_backward(TensorHandle t, TensorHandle gradient, int retain_graph, int create_graph) {
    MLT_STATUS({
        c10::optional<bool> retain = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
        t->backward(gradient ? *gradient : at::Tensor(), retain, create_graph != 0);
    })
}

// Returns the accumulated gradient, or null with no error when there is none.
MLT_API TensorHandle mlt_grad(TensorHandle t) {
    MLT_GUARD(nullptr, {
        const at::Tensor& g = t->grad();
        return g.defined() ? mlt::wrap(g) : nullptr;
    })
}

// Sets .grad (null clears it, like `p.grad = None`).
MLT_API int mlt_set_grad(TensorHandle t, TensorHandle gradient) {
    MLT_STATUS(t->mutable_grad() = gradient ? *gradient : at::Tensor())
}

MLT_API int mlt_retain_grad(TensorHandle t) { MLT_STATUS(t->retain_grad()) }

// torch.autograd.grad(outputs, inputs, grad_outputs): `out` receives one handle per input
// (null when allow_unused and the input was not used).
MLT_API int mlt_autograd_grad(const TensorHandle* outputs, int n_outputs, const TensorHandle* inputs, int n_inputs,
                              const TensorHandle* grad_outputs, int n_grad_outputs, int retain_graph, int create_graph,
                              int allow_unused, TensorHandle* out) {
    MLT_STATUS({
        std::vector<at::Tensor> grad_outs;
        for (int i = 0; i < n_grad_outputs; ++i) grad_outs.push_back(grad_outputs[i] ? *grad_outputs[i] : at::Tensor());
        c10::optional<bool> retain = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
        auto grads = torch::autograd::grad(mlt::tensors(outputs, n_outputs), mlt::tensors(inputs, n_inputs), grad_outs,
                                           retain, create_graph != 0, allow_unused != 0);
        mlt::write_all(grads, out);
    })
}

MLT_API int mlt_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }
MLT_API void mlt_set_grad_enabled(int enabled) { at::GradMode::set_enabled(enabled != 0); }
