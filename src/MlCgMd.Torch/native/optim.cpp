// Optimiser update rules, written as PyTorch 1.13's single-tensor implementations
// (torch/optim/adam.py, adamw.py, sgd.py) so results match PyTorch bit for bit.
#include "shim.h"

#include <cmath>

// Adam (decoupled = 0) or AdamW (decoupled = 1) update of one parameter. `step` is the
// 1-based step count after incrementing. Runs without autograd.
MLT_API int mlt_adam_step(TensorHandle param, TensorHandle grad, TensorHandle exp_avg, TensorHandle exp_avg_sq,
                          int64_t step, double lr, double beta1, double beta2, double eps, double weight_decay,
                          int decoupled) {
    MLT_STATUS({
        at::NoGradGuard no_grad;
        at::Tensor g = *grad;
        if (weight_decay != 0) {
            if (decoupled) param->mul_(1 - lr * weight_decay);
            else g = g.add(*param, weight_decay);
        }
        exp_avg->mul_(beta1).add_(g, 1 - beta1);
        exp_avg_sq->mul_(beta2).addcmul_(g, g, 1 - beta2);
        double bias_correction1 = 1 - std::pow(beta1, static_cast<double>(step));
        double bias_correction2 = 1 - std::pow(beta2, static_cast<double>(step));
        double step_size = lr / bias_correction1;
        double bias_correction2_sqrt = std::sqrt(bias_correction2);
        at::Tensor denom = (exp_avg_sq->sqrt() / bias_correction2_sqrt).add_(eps);
        param->addcdiv_(*exp_avg, denom, -step_size);
    })
}

// SGD with momentum/dampening/nesterov/weight decay. `momentum_buffer` is updated in
// place; pass first_step = 1 on the first step to initialise it from the gradient.
MLT_API int mlt_sgd_step(TensorHandle param, TensorHandle grad, TensorHandle momentum_buffer, int first_step, double lr,
                         double momentum, double dampening, double weight_decay, int nesterov) {
    MLT_STATUS({
        at::NoGradGuard no_grad;
        at::Tensor d_p = *grad;
        if (weight_decay != 0) d_p = d_p.add(*param, weight_decay);
        if (momentum != 0) {
            TORCH_CHECK(momentum_buffer != nullptr, "SGD with momentum needs a momentum buffer");
            if (first_step) momentum_buffer->copy_(d_p);
            else momentum_buffer->mul_(momentum).add_(d_p, 1 - dampening);
            d_p = nesterov ? d_p.add(*momentum_buffer, momentum) : *momentum_buffer;
        }
        param->add_(d_p, -lr);
    })
}

// torch.nn.utils.clip_grad_norm_: scales gradients in place so their joint norm is at
// most max_norm; returns the total norm before clipping (or -1 on error).
MLT_API double mlt_clip_grad_norm(const TensorHandle* grads, int n, double max_norm, double norm_type) {
    MLT_GUARD(-1.0, {
        at::NoGradGuard no_grad;
        std::vector<at::Tensor> gs = mlt::tensors(grads, n);
        if (gs.empty()) return 0.0;
        at::Tensor total;
        if (std::isinf(norm_type)) {
            std::vector<at::Tensor> norms;
            for (auto& g : gs) norms.push_back(g.detach().abs().max().to(gs[0].device()));
            total = norms.size() == 1 ? norms[0] : at::stack(norms).max();
        } else {
            std::vector<at::Tensor> norms;
            for (auto& g : gs) norms.push_back(at::norm(g.detach(), norm_type).to(gs[0].device()));
            total = at::norm(at::stack(norms), norm_type);
        }
        at::Tensor clip_coef = max_norm / (total + 1e-6);
        at::Tensor clip_coef_clamped = at::clamp(clip_coef, c10::nullopt, 1.0);
        for (auto& g : gs) g.detach().mul_(clip_coef_clamped.to(g.device()));
        return total.item<double>();
    })
}
