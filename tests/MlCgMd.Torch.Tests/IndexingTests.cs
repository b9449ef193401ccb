namespace MlCgMd.Torch.Tests;

/// <summary>Python-style indexing, index tensors, gather/scatter, masks, unique and sorting behave as in PyTorch.</summary>
public class IndexingTests
{
    private static Tensor I(params long[] v) => torch.tensor(v);
    private static Tensor Grid() => torch.arange(12).view(3, 4); // [[0..3], [4..7], [8..11]]

    [Fact]
    public void Csharp_ranges_and_steps_slice_like_python()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.arange(10);
        Assert.Equal(new long[] { 2, 3, 4 }, x[2..5].ToArray<long>());
        Assert.Equal(new long[] { 7, 8, 9 }, x[^3..].ToArray<long>());
        Assert.Equal(new long[] { 0, 1 }, x[..^8].ToArray<long>());
        Assert.Equal(10, x[..].numel());
        Assert.Equal(new long[] { 1, 4, 7 }, x[TensorIndex.Slice(1, null, 3)].ToArray<long>());
        Assert.Equal(new long[] { 5, 7 }, x[TensorIndex.Slice(-5, -1, 2)].ToArray<long>());
        Assert.Equal(new long[] { 8, 9 }, x[8..100].ToArray<long>());
        Assert.Equal(0, x[5..2].numel());
    }

    [Fact]
    public void Integers_ellipsis_and_none_index_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        Assert.Equal(new long[] { 4, 5, 6, 7 }, m[1].ToArray<long>());
        Assert.Equal(new long[] { 1, 5, 9 }, m[.., 1].ToArray<long>());
        Assert.Equal(new long[] { 10, 11 }, m[-1, ^2..].ToArray<long>());
        Assert.Equal(new long[] { 3, 7, 11 }, m[TensorIndex.Ellipsis, -1].ToArray<long>());
        Assert.Equal(new long[] { 1, 3, 4 }, m[TensorIndex.None].shape);
        Assert.Equal(new long[] { 3, 1 }, m[.., TensorIndex.None, 0].shape);
        Assert.Equal(6L, m[1, 2].item<long>());
        Assert.Empty(m[1, 2].shape);
    }

    [Fact]
    public void Basic_indexing_returns_a_view_of_the_same_storage()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        m[1].fill_(-1);
        m[.., 0].zero_();
        Assert.Equal(new long[] { 0, 1, 2, 3, 0, -1, -1, -1, 0, 9, 10, 11 }, m.ToArray<long>());
    }

    [Fact]
    public void Setter_broadcasts_the_value()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        m[.., 1..3] = I(100, 200);
        m[0] = torch.tensor(-1L);
        Assert.Equal(new long[] { -1, -1, -1, -1, 4, 100, 200, 7, 8, 100, 200, 11 }, m.ToArray<long>());
        Tensor f = torch.zeros(2, 2);
        f[.., 0] = torch.tensor(new[] { 1.5, 2.5 }); // a float64 value is converted on a basic-index assignment
        Assert.Equal(new float[] { 1.5f, 0, 2.5f, 0 }, f.ToArray<float>());
        f[f > 1] = torch.tensor(9f);
        Assert.Equal(new float[] { 9, 0, 9, 0 }, f.ToArray<float>());
    }

    [Fact]
    public void Index_tensors_select_with_int64_and_masks()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        Assert.Equal(new long[] { 8, 9, 10, 11, 0, 1, 2, 3 }, m[I(2, 0)].ToArray<long>());
        Assert.Equal(new long[] { 2, 4 }, m[I(2, 0)].shape);
        Assert.Equal(new long[] { 3, 8 }, m[I(0, 2), I(3, 0)].ToArray<long>());
        Assert.Equal(new long[] { 9, 10, 11 }, m[m > 8].ToArray<long>());
        Assert.Equal(new long[] { 0, 1, 2, 3, 8, 9, 10, 11 }, m.index(I(0, 2), null).ToArray<long>());
        Assert.Equal(new long[] { 1, 5, 9 }, m.index(null, I(1)).ToArray<long>());
        Assert.Equal(new long[] { 3, 1 }, m.index(null, I(1)).shape);
    }

    [Fact]
    public void Index_select_accepts_int32_but_advanced_indexing_needs_int64_or_bool()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        Tensor int32Index = torch.tensor(new[] { 2, 0 });
        Assert.Equal(m.index_select(0, I(2, 0)).ToArray<long>(), m.index_select(0, int32Index).ToArray<long>());
        var error = Assert.Throws<TorchException>(() => m.gather(1, torch.tensor(new[] { 0, 1, 2 }, [3, 1])));
        Assert.Contains("int64", error.Message);
        error = Assert.Throws<TorchException>(() => m.index_select(0, torch.tensor(new[] { 0.0 })));
        Assert.Contains("index", error.Message);
    }

    [Fact]
    public void Empty_index_and_empty_tensors_give_empty_results()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        Tensor none = m.index_select(0, torch.zeros([0], torch.int64));
        Assert.Equal(new long[] { 0, 4 }, none.shape);
        Tensor empty = torch.zeros([0, 3]);
        Assert.Equal(new long[] { 3 }, empty.sum(0).shape);
        Assert.Equal(new float[] { 0, 0, 0 }, empty.sum(0).ToArray<float>());
        Assert.Equal(0f, empty.sum().item<float>());
        Assert.True(float.IsNaN(empty.mean().item<float>()));
        Tensor joined = torch.cat([empty, torch.ones(2, 3)]);
        Assert.Equal(new long[] { 2, 3 }, joined.shape);
        Assert.Equal(new long[] { 0, 3 }, (empty * 2 + 1).shape);
        Assert.Equal(new long[] { 0, 2 }, empty.nonzero().shape);
        Assert.Equal(new long[] { 0, 3 }, empty[1..].shape);
    }

    [Fact]
    public void Gather_scatter_and_index_add_follow_their_definitions()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        Tensor idx = torch.tensor(new long[] { 3, 0, 1, 1 }, [2, 2]);
        // gather(1): out[i][j] = m[i][idx[i][j]]
        Assert.Equal(new long[] { 3, 0, 5, 5 }, m.gather(1, idx).ToArray<long>());
        Tensor src = torch.tensor(new long[] { 10, 20, 30, 40 }, [2, 2]);
        // scatter(1): out[i][idx[i][j]] = src[i][j]
        Assert.Equal(new long[] { 20, 0, 0, 10, 0, 40, 0, 0 },
            torch.zeros([2, 4], torch.int64).scatter(1, idx, src).ToArray<long>());
        Assert.Equal(new long[] { 20, 0, 0, 10, 0, 70, 0, 0 },
            torch.zeros([2, 4], torch.int64).scatter_add(1, idx, src).ToArray<long>());
        Assert.Equal(new long[] { 7, 0, 0, 7, 0, 7, 0, 0 },
            torch.zeros([2, 4], torch.int64).scatter(1, idx, 7).ToArray<long>());
        // index_add(0): rows of the source added into rows idx, duplicates accumulate.
        Tensor acc = torch.zeros(3, 2).index_add(0, I(2, 0, 2), torch.ones(3, 2), alpha: 2);
        Assert.Equal(new float[] { 2, 2, 0, 0, 4, 4 }, acc.ToArray<float>());
        Tensor inPlace = torch.zeros(3);
        inPlace.index_add_(0, I(1, 1), torch.tensor(new float[] { 1, 2 }));
        inPlace.scatter_add_(0, I(0), torch.tensor(new float[] { 5 }));
        Assert.Equal(new float[] { 5, 3, 0 }, inPlace.ToArray<float>());
    }

    [Fact]
    public void Index_put_overwrites_or_accumulates_duplicates()
    {
        using var scope = torch.NewDisposeScope();
        Tensor values = torch.tensor(new float[] { 1, 2, 3 });
        Assert.Equal(new float[] { 3, 0, 3 }, torch.zeros(3).index_put([I(0, 0, 2)], values, accumulate: true).ToArray<float>());
        Tensor x = torch.zeros(3);
        x.index_put_([I(2, 1)], torch.tensor(new float[] { 7, 8 }));
        Assert.Equal(new float[] { 0, 8, 7 }, x.ToArray<float>());
    }

    [Fact]
    public void Masks_fill_and_select()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { 1, -2, 3, -4 });
        Tensor negative = x < 0;
        Assert.Equal(new float[] { 1, 0, 3, 0 }, x.masked_fill(negative, 0).ToArray<float>());
        Assert.Equal(new float[] { 1, 9, 3, 9 }, x.masked_fill(negative, torch.tensor(9f)).ToArray<float>());
        Assert.Equal(new float[] { -2, -4 }, x.masked_select(negative).ToArray<float>());
        x.masked_fill_(negative, -1);
        Assert.Equal(new float[] { 1, -1, 3, -1 }, x.ToArray<float>());
        Tensor nz = torch.tensor(new long[] { 0, 1, 2, 0 }, [2, 2]).nonzero();
        Assert.Equal(new long[] { 0, 1, 1, 0 }, nz.ToArray<long>());
    }

    [Fact]
    public void Unique_gives_sorted_values_inverse_and_counts()
    {
        using var scope = torch.NewDisposeScope();
        var (values, inverse, counts) = I(3, 1, 2, 3, 1).unique(return_inverse: true, return_counts: true);
        Assert.Equal(new long[] { 1, 2, 3 }, values.ToArray<long>());
        Assert.Equal(new long[] { 2, 0, 1, 2, 0 }, inverse!.ToArray<long>());
        Assert.Equal(new long[] { 2, 1, 2 }, counts!.ToArray<long>());
        var plain = I(2, 2, 1).unique();
        Assert.Null(plain.inverse);
        Assert.Null(plain.counts);
        Tensor rows = torch.tensor(new long[] { 3, 4, 1, 2, 3, 4 }, [3, 2]);
        var (uniqueRows, rowInverse, rowCounts) = rows.unique(return_inverse: true, return_counts: true, dim: 0);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, uniqueRows.ToArray<long>());
        Assert.Equal(new long[] { 2, 2 }, uniqueRows.shape);
        Assert.Equal(new long[] { 1, 0, 1 }, rowInverse!.ToArray<long>());
        Assert.Equal(new long[] { 1, 2 }, rowCounts!.ToArray<long>());
    }

    [Fact]
    public void Stable_sort_keeps_the_order_of_ties()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { 2, 1, 2, 1, 2 });
        var (values, indices) = x.sort(stable: true);
        Assert.Equal(new float[] { 1, 1, 2, 2, 2 }, values.ToArray<float>());
        Assert.Equal(new long[] { 1, 3, 0, 2, 4 }, indices.ToArray<long>());
        Assert.Equal(new long[] { 0, 2, 4, 1, 3 }, x.argsort(descending: true, stable: true).ToArray<long>());
        Tensor m = torch.tensor(new float[] { 3, 1, 2, 0, 5, 4 }, [2, 3]);
        Assert.Equal(new long[] { 1, 0, 0, 0, 1, 1 }, m.argsort(dim: 0).ToArray<long>());
    }

    [Fact]
    public void Topk_returns_the_k_largest_or_smallest()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new float[] { 1, 5, 3, 4 });
        var (top, topIndex) = x.topk(2);
        Assert.Equal(new float[] { 5, 4 }, top.ToArray<float>());
        Assert.Equal(new long[] { 1, 3 }, topIndex.ToArray<long>());
        var (bottom, bottomIndex) = x.topk(2, largest: false);
        Assert.Equal(new float[] { 1, 3 }, bottom.ToArray<float>());
        Assert.Equal(new long[] { 0, 2 }, bottomIndex.ToArray<long>());
    }

    [Fact]
    public void Negative_dims_count_from_the_end_everywhere()
    {
        using var scope = torch.NewDisposeScope();
        Tensor m = Grid();
        Assert.Equal(m.select(1, 3).ToArray<long>(), m.select(-1, 3).ToArray<long>());
        Assert.Equal(m.sum(1).ToArray<long>(), m.sum(-1).ToArray<long>());
        Assert.Equal(new long[] { 3, 4, 1 }, m.unsqueeze(-1).shape);
        Assert.Equal(new long[] { 4, 3 }, m.transpose(-1, -2).shape);
        Assert.Equal(new long[] { 3, 8 }, torch.cat([m, m], dim: -1).shape);
        Assert.Equal(new long[] { 3, 4, 2 }, torch.stack([m, m], dim: -1).shape);
        Assert.Equal(new long[] { 3, 4 }, m.unsqueeze(-1).squeeze(-1).shape);
        Assert.Equal(new long[] { 3, 2 }, m.narrow(-1, 1, 2).shape);
        Assert.Equal(3, m.size(-2));
        Assert.Equal(new long[] { 12 }, m.flatten(-2).shape);
        Assert.Equal(new long[] { 3, 2, 1, 0 }, m[0].flip(-1).ToArray<long>());
        Assert.Equal(new long[] { 3, 7, 11 }, m.max(-1).values.ToArray<long>());
        Assert.Equal(new long[] { 3, 3, 3 }, m.argmax(-1).ToArray<long>());
    }

    [Fact]
    public void Shape_operations_rearrange_elements_as_documented()
    {
        using var scope = torch.NewDisposeScope();
        Tensor x = torch.tensor(new long[] { 1, 2, 3 });
        Assert.Equal(new long[] { 1, 2, 3, 1, 2, 3 }, x.repeat(2).ToArray<long>());
        Assert.Equal(new long[] { 1, 1, 2, 2, 3, 3 }, x.repeat_interleave(2).ToArray<long>());
        Assert.Equal(new long[] { 1, 3, 3 }, x.repeat_interleave(I(1, 0, 2)).ToArray<long>());
        Assert.Equal(new long[] { 1, 2, 3, 1, 2, 3 }, x.expand(2, 3).ToArray<long>());
        Tensor m = Grid();
        Assert.Equal(new long[] { 0, 4, 8, 1, 5, 9 }, m.t()[..2].contiguous().ToArray<long>());
        Assert.False(m.t().is_contiguous());
        Assert.Equal(new long[] { 4, 3 }, m.permute(1, 0).shape);
        Tensor[] parts = torch.arange(7).split(3);
        Assert.Equal(new long[] { 3, 3, 1 }, parts.Select(p => p.numel()).ToArray());
        Assert.Equal(new long[] { 2, 5 }, torch.arange(7).split([2, 5]).Select(p => p.numel()).ToArray());
        Assert.Equal(new long[] { 3, 3, 1 }, torch.arange(7).chunk(3).Select(p => p.numel()).ToArray());
        Assert.Equal(new long[] { 4, 3 }, m.reshape(-1, 3).shape);
        Assert.Equal(new long[] { 12 }, m.flatten().shape);
    }
}
