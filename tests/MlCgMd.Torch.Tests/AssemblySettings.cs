// Seeds, the thread count and the live-tensor counter are process-wide in libtorch, so
// tests that seed or count would race with any test running beside them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
