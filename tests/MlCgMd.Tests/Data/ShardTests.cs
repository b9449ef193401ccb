using MlCgMd.Data;

namespace MlCgMd.Tests.Data;

public class ShardTests
{
    [Fact]
    public void Shard_i_of_n_parses_from_zero_and_bad_text_names_the_expected_form()
    {
        Assert.Equal(new Shard(3, 4), Shard.Parse("3/4"));
        foreach (string bad in new[] { "4/4", "1", "-1/4", "a/b", "1/0", "1/2/3" })
            Assert.Contains("i/n", Assert.Throws<ArgumentException>(() => Shard.Parse(bad)).Message);
    }

    [Fact]
    public void Every_item_belongs_to_exactly_one_shard_round_robin_and_contiguously()
    {
        Shard[] shards = Enumerable.Range(0, 3).Select(i => new Shard(i, 3)).ToArray();
        for (int item = 0; item < 10; item++) Assert.Single(shards, s => s.Owns(item));
        var ranges = shards.Select(s => s.RangeOf(10)).ToArray();
        Assert.Equal(new[] { (0, 3), (3, 3), (6, 4) }, ranges);
        Assert.Equal((0, 0), new Shard(0, 3).RangeOf(2));
    }
}
