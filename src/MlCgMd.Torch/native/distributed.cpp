// torch.distributed over libtorch's c10d: stores for the rendezvous (TCPStore, FileStore), a
// process group (Gloo; NCCL when the shim is built with MLT_WITH_NCCL against a CUDA libtorch),
// and the collectives data-parallel training needs. Each collective blocks until it completes.
//
// Handles: a store is a heap-allocated c10::intrusive_ptr<c10d::Store>, a group a heap-allocated
// Group; both are owned by C# and released with mlt_dist_store_free / mlt_dist_group_free.
// Backends are held by their concrete type: libtorch 1.x derives them from ProcessGroup, 2.x
// from Backend, and both give them the same allreduce/broadcast/barrier methods.
#include "shim.h"

#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef MLT_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <chrono>
#include <cstdlib>
#include <memory>
#include <sstream>

namespace {

using StoreHandle = c10::intrusive_ptr<c10d::Store>*;

struct Group {
    virtual ~Group() = default;
    virtual void all_reduce(at::Tensor& tensor, c10d::ReduceOp op) = 0;
    virtual void broadcast(at::Tensor& tensor, int src) = 0;
    virtual void barrier() = 0;
};

template <class Backend>
struct GroupOf final : Group {
    explicit GroupOf(c10::intrusive_ptr<Backend> b) : backend(std::move(b)) {}
    c10::intrusive_ptr<Backend> backend;

    void all_reduce(at::Tensor& tensor, c10d::ReduceOp op) override {
        std::vector<at::Tensor> tensors{tensor};
        c10d::AllreduceOptions options;
        options.reduceOp = op;
        backend->allreduce(tensors, options)->wait();
    }
    void broadcast(at::Tensor& tensor, int src) override {
        std::vector<at::Tensor> tensors{tensor};
        c10d::BroadcastOptions options;
        options.rootRank = src;
        backend->broadcast(tensors, options)->wait();
    }
    void barrier() override { backend->barrier()->wait(); }
};

c10d::ReduceOp reduce_op(int code) {
    switch (code) {
        case 0: return c10d::ReduceOp::SUM;
        case 2: return c10d::ReduceOp::PRODUCT;
        case 3: return c10d::ReduceOp::MIN;
        case 4: return c10d::ReduceOp::MAX;
    }
    throw std::invalid_argument("unsupported reduce op code " + std::to_string(code) + " (SUM, PRODUCT, MIN, MAX)");
}

// GLOO_SOCKET_IFNAME (PyTorch's variable: comma-separated interfaces) wins; otherwise the address
// this rank is reachable at, or the machine's hostname (loopback if it does not resolve).
std::vector<std::shared_ptr<::gloo::transport::Device>> gloo_devices(const char* hostname) {
    std::vector<std::shared_ptr<::gloo::transport::Device>> devices;
    if (const char* interfaces = std::getenv("GLOO_SOCKET_IFNAME"); interfaces != nullptr && *interfaces != '\0') {
        std::stringstream names(interfaces);
        for (std::string name; std::getline(names, name, ',');)
            if (!name.empty()) devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(name));
    } else if (hostname != nullptr && *hostname != '\0') {
        devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(hostname));
    } else {
        devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    }
    return devices;
}

Group& group(void* handle) {
    if (handle == nullptr) throw std::invalid_argument("the process group was destroyed");
    return *static_cast<Group*>(handle);
}

}  // namespace

MLT_API void* mlt_dist_tcp_store(const char* host, int port, int world_size, int is_master, int64_t timeout_ms) {
    MLT_GUARD(nullptr, {
        c10d::TCPStoreOptions options;
        options.port = static_cast<std::uint16_t>(port);
        options.isServer = is_master != 0;
        options.numWorkers = static_cast<std::size_t>(world_size);
        options.waitWorkers = true;
        options.timeout = std::chrono::milliseconds(timeout_ms);
        c10::intrusive_ptr<c10d::Store> store = c10::make_intrusive<c10d::TCPStore>(host, options);
        return static_cast<void*>(new c10::intrusive_ptr<c10d::Store>(std::move(store)));
    })
}

MLT_API void* mlt_dist_file_store(const char* path, int world_size) {
    MLT_GUARD(nullptr, {
        c10::intrusive_ptr<c10d::Store> store = c10::make_intrusive<c10d::FileStore>(path, world_size);
        return static_cast<void*>(new c10::intrusive_ptr<c10d::Store>(std::move(store)));
    })
}

MLT_API void mlt_dist_store_free(void* store) { delete static_cast<StoreHandle>(store); }

MLT_API int mlt_dist_has_backend(const char* backend) {
    std::string name(backend);
    if (name == "gloo") return 1;
#ifdef MLT_WITH_NCCL
    if (name == "nccl") return 1;
#endif
    return 0;
}

// gloo_hostname: address the Gloo transport binds to (null or empty: see gloo_devices).
MLT_API void* mlt_dist_new_group(const char* backend, void* store, int rank, int world_size, int64_t timeout_ms,
                                 const char* gloo_hostname) {
    MLT_GUARD(nullptr, {
        if (store == nullptr) throw std::invalid_argument("a process group needs a store");
        const c10::intrusive_ptr<c10d::Store>& s = *static_cast<StoreHandle>(store);
        std::string name(backend);
        auto timeout = std::chrono::milliseconds(timeout_ms);
        if (name == "gloo") {
            auto options = c10d::ProcessGroupGloo::Options::create(timeout);
            options->devices = gloo_devices(gloo_hostname);
            auto pg = c10::make_intrusive<c10d::ProcessGroupGloo>(s, rank, world_size, options);
            return static_cast<void*>(new GroupOf<c10d::ProcessGroupGloo>(std::move(pg)));
        }
#ifdef MLT_WITH_NCCL
        if (name == "nccl") {
            auto options = c10d::ProcessGroupNCCL::Options::create();
            options->timeout = timeout;
            auto pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(s, rank, world_size, options);
            return static_cast<void*>(new GroupOf<c10d::ProcessGroupNCCL>(std::move(pg)));
        }
        throw std::invalid_argument("unknown backend '" + name + "' (gloo, nccl)");
#else
        throw std::invalid_argument("unknown backend '" + name + "': this shim has gloo only (nccl needs a CUDA "
                                    "libtorch and the shim built with -DMLT_WITH_NCCL=ON)");
#endif
    })
}

MLT_API void mlt_dist_group_free(void* handle) { delete static_cast<Group*>(handle); }

MLT_API int mlt_dist_all_reduce(void* handle, TensorHandle tensor, int op) {
    MLT_STATUS(group(handle).all_reduce(*tensor, reduce_op(op)))
}
MLT_API int mlt_dist_broadcast(void* handle, TensorHandle tensor, int src) {
    MLT_STATUS(group(handle).broadcast(*tensor, src))
}
MLT_API int mlt_dist_barrier(void* handle) { MLT_STATUS(group(handle).barrier()) }
