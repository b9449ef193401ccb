// Every thread pool a libtorch process computes with: the intra-op pool (OpenMP), the inter-op
// pool, and the BLAS library's own pool. at::set_num_threads reaches MKL but not OpenBLAS, whose
// pthread build keeps a pool of one thread per core beside libtorch's: with one intra-op thread a
// training run still used about 1.5 cores. The BLAS is found by symbol, so a libtorch linked to
// another BLAS still works and says which pools it cannot set.
#include "shim.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>

#include <dlfcn.h>

#include <cstring>

namespace {

struct Blas {
    void (*set_threads)(int) = nullptr;
    int (*get_threads)() = nullptr;
    std::string name;
};

const Blas& blas();

// Searches this shim's own dependency tree (shim -> libtorch -> BLAS), so the symbol found belongs
// to the library libtorch's matrix products call, whatever its file name.
void* dependency_tree() {
    Dl_info self{};
    if (dladdr(reinterpret_cast<void*>(&blas), &self) != 0 && self.dli_fname != nullptr) {
        if (void* handle = dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD)) return handle;
    }
    return RTLD_DEFAULT;
}

const Blas& blas() {
    static const Blas found = [] {
        Blas b;
        void* tree = dependency_tree();
        b.set_threads = reinterpret_cast<void (*)(int)>(dlsym(tree, "openblas_set_num_threads"));
        b.get_threads = reinterpret_cast<int (*)()>(dlsym(tree, "openblas_get_num_threads"));
        auto config = reinterpret_cast<char* (*)()>(dlsym(tree, "openblas_get_config"));
        auto parallel = reinterpret_cast<int (*)()>(dlsym(tree, "openblas_get_parallel"));
        if (b.set_threads != nullptr && b.get_threads != nullptr) {
            b.name = config != nullptr ? std::string(config()) : std::string("OpenBLAS");
            if (parallel != nullptr) {
                int kind = parallel();
                b.name += kind == 0 ? " (sequential)" : kind == 1 ? " (pthreads)" : " (OpenMP)";
            }
        } else {
            b.set_threads = nullptr;
            b.get_threads = nullptr;
            b.name = at::hasMKL() ? "MKL (its threads follow the intra-op count)"
                                  : "unknown BLAS (no openblas_set_num_threads; its threads are not controlled)";
        }
        return b;
    }();
    return found;
}

}  // namespace

// Intra-op threads and the BLAS pool together, as PyTorch does for MKL.
MLT_API int mlt_set_num_threads(int n) {
    MLT_STATUS({
        at::set_num_threads(n);
        if (blas().set_threads != nullptr) blas().set_threads(n);
    })
}
MLT_API int mlt_get_num_threads() { return at::get_num_threads(); }

// libtorch accepts this once, before the inter-op pool starts; -1 with the reason otherwise.
MLT_API int mlt_set_num_interop_threads(int n) { MLT_STATUS(at::set_num_interop_threads(n)) }
MLT_API int mlt_get_num_interop_threads() { return at::get_num_interop_threads(); }

// Threads of the BLAS pool, or -1 when the BLAS exposes no thread control.
MLT_API int mlt_blas_num_threads() { return blas().get_threads != nullptr ? blas().get_threads() : -1; }
MLT_API const char* mlt_blas_name() { return blas().name.c_str(); }

// at::get_parallel_info(); malloc'ed, released with mlt_free_string.
MLT_API char* mlt_parallel_info() {
    MLT_GUARD(nullptr, {
        std::string info = at::get_parallel_info();
        char* copy = static_cast<char*>(std::malloc(info.size() + 1));
        std::memcpy(copy, info.c_str(), info.size() + 1);
        return copy;
    })
}
