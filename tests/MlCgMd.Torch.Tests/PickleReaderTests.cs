using System.Text;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Torch.Tests;

/// <summary>The restricted unpickler on hand-assembled pickles (opcodes as CPython's pickle writes them, protocol 2).</summary>
public class PickleReaderTests
{
    /// <summary>Allows nothing beyond plain data; records what it was asked to call.</summary>
    private sealed class PlainData : PickleReader.IPickleHooks
    {
        public readonly List<string> Called = [];
        public bool Allows(PickleGlobal global) => global.Module == "collections";
        public object? Call(PickleGlobal callable, object?[] arguments, bool newObject, Func<string> where)
        {
            Called.Add(callable.ToString());
            return new PickleObject(callable, arguments);
        }
        public object? PersistentLoad(object? id, Func<string> where) => throw new InvalidDataException($"{where()}: no storages here");
    }

    private static byte[] Pickle(params object[] parts)
    {
        var bytes = new List<byte> { 0x80, 2 };
        foreach (object part in parts)
            switch (part)
            {
                case byte b: bytes.Add(b); break;
                case char c: bytes.Add((byte)c); break;
                case string s: bytes.AddRange(Encoding.UTF8.GetBytes(s)); break;
                case int i: bytes.AddRange(BitConverter.GetBytes(i)); break;
                case byte[] raw: bytes.AddRange(raw); break;
            }
        bytes.Add((byte)'.');
        return bytes.ToArray();
    }

    private static byte[] Unicode(string s) => [(byte)'X', .. BitConverter.GetBytes(Encoding.UTF8.GetByteCount(s)), .. Encoding.UTF8.GetBytes(s)];

    [Fact]
    public void Reads_dicts_lists_tuples_numbers_strings_and_memo_references()
    {
        // {'a': [1, -2, 300000, 2**40], 'b': (1.5, True, None), 'c': <memo of the list>}
        byte[] data = Pickle('}', 'q', (byte)0, '(',
            Unicode("a"), ']', 'q', (byte)1, '(', 'K', (byte)1, 'J', -2, 'J', 300000, (byte)0x8a, (byte)6, new byte[] { 0, 0, 0, 0, 0, 1 }, 'e',
            Unicode("b"), 'G', BitConverter.GetBytes(1.5).Reverse().ToArray(), (byte)0x88, 'N', (byte)0x87,
            Unicode("c"), 'h', (byte)1,
            'u');
        var dict = Assert.IsType<PickleDict>(PickleReader.Read(data, "test", new PlainData()));
        Assert.Equal(["a", "b", "c"], dict.Entries.Select(e => e.Key));
        Assert.Equal(new object?[] { 1L, -2L, 300000L, 1L << 40 }, Assert.IsType<List<object?>>(dict["a"]));
        Assert.Equal(new object?[] { 1.5, true, null }, Assert.IsType<object?[]>(dict["b"]));
        Assert.Same(dict["a"], dict["c"]);
    }

    [Fact]
    public void A_foreign_global_is_refused_before_it_could_be_called()
    {
        // What pickle writes for os.system('touch pwned'): GLOBAL 'posix system', the argument, REDUCE.
        var hooks = new PlainData();
        byte[] data = Pickle('c', "posix\nsystem\n", Unicode("touch pwned"), (byte)0x85, 'R');
        var error = Assert.Throws<InvalidDataException>(() => PickleReader.Read(data, "'evil.ckpt'", hooks));
        Assert.Contains("'posix.system'", error.Message);
        Assert.Contains("nothing in the file was executed", error.Message);
        Assert.Contains("byte 2", error.Message);
        Assert.Empty(hooks.Called);
    }

    [Fact]
    public void Builtins_written_with_python2_names_read_as_python3_names()
    {
        var seen = new List<PickleGlobal>();
        var hooks = new RecordingHooks(seen);
        PickleReader.Read(Pickle('c', "__builtin__\nlong\n"), "test", hooks);
        Assert.Equal(new PickleGlobal("builtins", "int"), Assert.Single(seen));
    }

    private sealed class RecordingHooks(List<PickleGlobal> seen) : PickleReader.IPickleHooks
    {
        public bool Allows(PickleGlobal global)
        {
            seen.Add(global);
            return true;
        }
        public object? Call(PickleGlobal callable, object?[] arguments, bool newObject, Func<string> where) => null;
        public object? PersistentLoad(object? id, Func<string> where) => null;
    }

    [Fact]
    public void Reduce_newobj_build_and_setitems_become_inert_objects()
    {
        // collections.Counter() with BUILD state {'x': 1} and one item: nothing runs, the parts are kept.
        var hooks = new PlainData();
        byte[] data = Pickle('c', "collections\nCounter\n", ')', (byte)0x81, '}', Unicode("x"), 'K', (byte)1, 's', 'b',
            Unicode("k"), 'K', (byte)2, 's');
        var o = Assert.IsType<PickleObject>(PickleReader.Read(data, "test", hooks));
        Assert.Equal("collections.Counter", o.Type.ToString());
        Assert.Equal(1L, Assert.IsType<PickleDict>(o.State)["x"]);
        Assert.Equal(2L, o.DictItems["k"]);
        Assert.Equal(["collections.Counter"], hooks.Called);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 2, (byte)'}' }, "without STOP")]
    [InlineData(new byte[] { 0x80, 2, (byte)'X', 9, 0, 0, 0, (byte)'a', (byte)'.' }, "truncated")]
    [InlineData(new byte[] { 0x80, 2, (byte)'h', 7, (byte)'.' }, "memo key 7")]
    [InlineData(new byte[] { 0x80, 2, (byte)'a', (byte)'.' }, "stack underflow")]
    [InlineData(new byte[] { 0x80, 2, (byte)'I', (byte)'1', (byte)'\n', (byte)'.' }, "opcode 0x49")]
    [InlineData(new byte[] { 0x80, 9, (byte)'N', (byte)'.' }, "protocol 9")]
    public void Malformed_pickles_fail_with_the_byte_and_the_reason(byte[] data, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => PickleReader.Read(data, "'bad.pkl'", new PlainData()));
        Assert.Contains(reason, error.Message);
        Assert.StartsWith("'bad.pkl'", error.Message);
    }
}
