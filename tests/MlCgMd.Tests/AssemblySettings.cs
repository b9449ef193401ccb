// libtorch's random seed, thread count and live-tensor count are process-wide, and the model,
// training and rollout tests rely on seeded determinism: run test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
