using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MlCgMd.Torch.Serialization;

/// <summary>
/// A restricted reader of Python pickles (protocols 2–5): the opcodes a PyTorch checkpoint uses,
/// turning them into inert data (str, long, double, bool, null, byte[], object?[] tuples, List
/// lists, <see cref="PickleDict"/>, <see cref="PickleObject"/>, <see cref="PickleGlobal"/>). It never
/// imports a module or calls a function. A GLOBAL the caller does not allow is an error at once,
/// naming it, so a hostile pickle (os.system, builtins.eval, ...) is refused before anything else
/// is read; REDUCE and NEWOBJ go to the caller's <see cref="IPickleHooks.Call"/>, which rebuilds the
/// few constructors it understands (tensors, OrderedDict) as data and refuses the rest.
/// Python 2 names that protocol 2 writes (<c>__builtin__.long</c>) are read as Python 3's (<c>builtins.int</c>).
/// </summary>
public static class PickleReader
{
    /// <summary>What a caller decides while a pickle is read; all three throw to refuse.</summary>
    public interface IPickleHooks
    {
        /// <summary>Whether the pickle may name <paramref name="global"/> at all (as a value or as a callable).</summary>
        bool Allows(PickleGlobal global);

        /// <summary>The value REDUCE (or NEWOBJ, <paramref name="newObject"/>) builds from an allowed global.</summary>
        object? Call(PickleGlobal callable, object?[] arguments, bool newObject, Func<string> where);

        /// <summary>The value of a persistent id (BINPERSID), e.g. a torch storage.</summary>
        object? PersistentLoad(object? id, Func<string> where);
    }

    private const byte Mark = (byte)'(', Stop = (byte)'.', Pop = (byte)'0', PopMark = (byte)'1', Dup = (byte)'2',
        None = (byte)'N', NewTrue = 0x88, NewFalse = 0x89, BinInt = (byte)'J', BinInt1 = (byte)'K', BinInt2 = (byte)'M',
        Long1 = 0x8a, Long4 = 0x8b, BinFloat = (byte)'G', BinUnicode = (byte)'X', ShortBinUnicode = 0x8c,
        BinUnicode8 = 0x8d, ShortBinString = (byte)'U', BinString = (byte)'T', ShortBinBytes = (byte)'C',
        BinBytes = (byte)'B', BinBytes8 = 0x8e, EmptyTuple = (byte)')', Tuple = (byte)'t', Tuple1 = 0x85, Tuple2 = 0x86,
        Tuple3 = 0x87, EmptyList = (byte)']', List = (byte)'l', Append = (byte)'a', Appends = (byte)'e',
        EmptyDict = (byte)'}', Dict = (byte)'d', SetItem = (byte)'s', SetItems = (byte)'u', Global = (byte)'c',
        StackGlobal = 0x93, Reduce = (byte)'R', Build = (byte)'b', NewObj = 0x81, NewObjEx = 0x92,
        BinPersId = (byte)'Q', BinPut = (byte)'q', LongBinPut = (byte)'r', Memoize = 0x94, BinGet = (byte)'h',
        LongBinGet = (byte)'j', Proto = 0x80, Frame = 0x95;

    /// <param name="source">named in every error, e.g. "'last.ckpt' entry archive/data.pkl"</param>
    public static object? Read(ReadOnlySpan<byte> data, string source, IPickleHooks hooks)
    {
        var stack = new List<object?>();
        var marks = new Stack<int>();
        var memo = new Dictionary<long, object?>();
        int position = 0;
        int opcodeAt = 0;
        string Where() => $"{source}: byte {opcodeAt}";

        ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, long count)
        {
            if (count < 0 || count > bytes.Length - position)
                throw new InvalidDataException($"{Where()}: the pickle ends inside an argument of {count} bytes (truncated or not a pickle)");
            var slice = bytes.Slice(position, (int)count);
            position += (int)count;
            return slice;
        }
        object? PopOne()
        {
            if (stack.Count == 0 || (marks.Count > 0 && stack.Count <= marks.Peek()))
                throw new InvalidDataException($"{Where()}: stack underflow (malformed pickle)");
            object? top = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            return top;
        }
        object? Peek() => stack.Count > 0 ? stack[^1] : throw new InvalidDataException($"{Where()}: empty stack (malformed pickle)");
        List<object?> PopToMark()
        {
            if (marks.Count == 0) throw new InvalidDataException($"{Where()}: no MARK on the stack (malformed pickle)");
            int mark = marks.Pop();
            var items = stack.GetRange(mark, stack.Count - mark);
            stack.RemoveRange(mark, stack.Count - mark);
            return items;
        }
        PickleGlobal Allowed(string module, string name)
        {
            var global = Python3Name(module, name);
            if (!hooks.Allows(global))
                throw new InvalidDataException(
                    $"{Where()}: the pickle refers to '{global}', which a checkpoint of tensors and hyperparameters does not " +
                    "need; refusing to load it (nothing in the file was executed)");
            return global;
        }
        void Remember(long key) => memo[key] = Peek();

        while (true)
        {
            if (position >= data.Length)
                throw new InvalidDataException($"{source}: the pickle ends at byte {position} without STOP (truncated)");
            opcodeAt = position;
            byte op = data[position++];
            switch (op)
            {
                case Proto:
                    int protocol = Take(data, 1)[0];
                    if (protocol is < 2 or > 5)
                        throw new InvalidDataException($"{Where()}: pickle protocol {protocol} is not supported (2 to 5 are)");
                    break;
                case Frame: Take(data, 8); break;
                case Stop:
                    if (stack.Count != 1 || marks.Count != 0)
                        throw new InvalidDataException($"{Where()}: STOP with {stack.Count} values on the stack (malformed pickle)");
                    return stack[0];
                case Mark: marks.Push(stack.Count); break;
                case Pop: PopOne(); break;
                case PopMark: PopToMark(); break;
                case Dup: stack.Add(Peek()); break;
                case None: stack.Add(null); break;
                case NewTrue: stack.Add(true); break;
                case NewFalse: stack.Add(false); break;
                case BinInt: stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Take(data, 4))); break;
                case BinInt1: stack.Add((long)Take(data, 1)[0]); break;
                case BinInt2: stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(data, 2))); break;
                case Long1: stack.Add(Integer(Take(data, Take(data, 1)[0]), Where)); break;
                case Long4: stack.Add(Integer(Take(data, BinaryPrimitives.ReadInt32LittleEndian(Take(data, 4))), Where)); break;
                case BinFloat: stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Take(data, 8))); break;
                case BinUnicode: stack.Add(Encoding.UTF8.GetString(Take(data, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, 4))))); break;
                case ShortBinUnicode: stack.Add(Encoding.UTF8.GetString(Take(data, Take(data, 1)[0]))); break;
                case BinUnicode8: stack.Add(Encoding.UTF8.GetString(Take(data, Length8(Take(data, 8), Where)))); break;
                case ShortBinString: stack.Add(Encoding.Latin1.GetString(Take(data, Take(data, 1)[0]))); break;
                case BinString: stack.Add(Encoding.Latin1.GetString(Take(data, BinaryPrimitives.ReadInt32LittleEndian(Take(data, 4))))); break;
                case ShortBinBytes: stack.Add(Take(data, Take(data, 1)[0]).ToArray()); break;
                case BinBytes: stack.Add(Take(data, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, 4))).ToArray()); break;
                case BinBytes8: stack.Add(Take(data, Length8(Take(data, 8), Where)).ToArray()); break;
                case EmptyTuple: stack.Add(Array.Empty<object?>()); break;
                case Tuple: stack.Add(PopToMark().ToArray()); break;
                case Tuple1: stack.Add(new[] { PopOne() }); break;
                case Tuple2: { object? b = PopOne(), a = PopOne(); stack.Add(new[] { a, b }); break; }
                case Tuple3: { object? c = PopOne(), b = PopOne(), a = PopOne(); stack.Add(new[] { a, b, c }); break; }
                case EmptyList: stack.Add(new List<object?>()); break;
                case List: stack.Add(PopToMark()); break;
                case Append: { object? item = PopOne(); ListOf(Peek(), Where).Add(item); break; }
                case Appends: { var items = PopToMark(); ListOf(Peek(), Where).AddRange(items); break; }
                case EmptyDict: stack.Add(new PickleDict()); break;
                case Dict:
                {
                    var items = PopToMark();
                    var dict = new PickleDict();
                    AddPairs(dict, items, Where);
                    stack.Add(dict);
                    break;
                }
                case SetItem: { object? value = PopOne(), key = PopOne(); DictOf(Peek(), Where).Set(key, value, Where); break; }
                case SetItems: { var items = PopToMark(); AddPairs(DictOf(Peek(), Where), items, Where); break; }
                case Global:
                {
                    string module = Line(data, ref position, Where), name = Line(data, ref position, Where);
                    stack.Add(Allowed(module, name));
                    break;
                }
                case StackGlobal:
                {
                    object? name = PopOne(), module = PopOne();
                    if (module is not string m || name is not string n)
                        throw new InvalidDataException($"{Where()}: STACK_GLOBAL needs two strings (malformed pickle)");
                    stack.Add(Allowed(m, n));
                    break;
                }
                case Reduce:
                {
                    object? arguments = PopOne(), callable = PopOne();
                    stack.Add(hooks.Call(GlobalOf(callable, Where), TupleOf(arguments, Where), newObject: false, Where));
                    break;
                }
                case NewObj:
                {
                    object? arguments = PopOne(), type = PopOne();
                    stack.Add(hooks.Call(GlobalOf(type, Where), TupleOf(arguments, Where), newObject: true, Where));
                    break;
                }
                case NewObjEx:
                {
                    object? keywords = PopOne(), arguments = PopOne(), type = PopOne();
                    if (keywords is not PickleDict { Count: 0 })
                        throw new InvalidDataException($"{Where()}: NEWOBJ_EX with keyword arguments is not supported");
                    stack.Add(hooks.Call(GlobalOf(type, Where), TupleOf(arguments, Where), newObject: true, Where));
                    break;
                }
                case Build:
                {
                    object? state = PopOne();
                    switch (Peek())
                    {
                        case PickleObject target: target.State = state; break;
                        case PickleDict dict when state is PickleDict attributes: dict.Attributes = attributes; break;
                        default:
                            throw new InvalidDataException($"{Where()}: BUILD on a {Describe(Peek())} is not supported");
                    }
                    break;
                }
                case BinPersId: stack.Add(hooks.PersistentLoad(PopOne(), Where)); break;
                case BinPut: Remember(Take(data, 1)[0]); break;
                case LongBinPut: Remember(BinaryPrimitives.ReadUInt32LittleEndian(Take(data, 4))); break;
                case Memoize: Remember(memo.Count); break;
                case BinGet: stack.Add(Recall(memo, Take(data, 1)[0], Where)); break;
                case LongBinGet: stack.Add(Recall(memo, BinaryPrimitives.ReadUInt32LittleEndian(Take(data, 4)), Where)); break;
                default:
                    throw new InvalidDataException(
                        $"{Where()}: pickle opcode 0x{op:x2} ('{(char)op}') is not one a torch checkpoint uses; refusing to read further");
            }
        }
    }

    /// <summary>A short type name for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        string => "str",
        long => "int",
        double => "float",
        bool => "bool",
        byte[] => "bytes",
        object?[] => "tuple",
        List<object?> => "list",
        PickleDict => "dict",
        PickleGlobal g => $"reference to {g}",
        PickleObject o => $"{o.Type} object",
        _ => value.GetType().Name,
    };

    /// <summary>Protocol 2 writes Python 2 names for builtins; read them as the Python 3 names.</summary>
    private static PickleGlobal Python3Name(string module, string name) => (module, name) switch
    {
        ("__builtin__", "long") => new("builtins", "int"),
        ("__builtin__", "unicode" or "basestring") => new("builtins", "str"),
        ("__builtin__", _) => new("builtins", name),
        ("copy_reg", _) => new("copyreg", name),
        _ => new(module, name),
    };

    private static object Integer(ReadOnlySpan<byte> littleEndian, Func<string> where)
    {
        var value = new BigInteger(littleEndian, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue
            ? (long)value
            : throw new InvalidDataException($"{where()}: integer {value} does not fit 64 bits");
    }

    private static long Length8(ReadOnlySpan<byte> bytes, Func<string> where)
    {
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return length <= int.MaxValue ? (long)length : throw new InvalidDataException($"{where()}: a {length}-byte value is too large");
    }

    private static string Line(ReadOnlySpan<byte> data, ref int position, Func<string> where)
    {
        int end = data[position..].IndexOf((byte)'\n');
        if (end < 0) throw new InvalidDataException($"{where()}: GLOBAL name without a line end (truncated)");
        string text = Encoding.ASCII.GetString(data.Slice(position, end));
        position += end + 1;
        return text;
    }

    private static object? Recall(Dictionary<long, object?> memo, long key, Func<string> where) =>
        memo.TryGetValue(key, out object? value) ? value : throw new InvalidDataException($"{where()}: memo key {key} was never stored (malformed pickle)");

    private static void AddPairs(PickleDict dict, List<object?> items, Func<string> where)
    {
        if (items.Count % 2 != 0) throw new InvalidDataException($"{where()}: an odd number of dict items (malformed pickle)");
        for (int i = 0; i < items.Count; i += 2) dict.Set(items[i], items[i + 1], where);
    }

    private static List<object?> ListOf(object? target, Func<string> where) => target switch
    {
        List<object?> list => list,
        PickleObject o => o.ListItems,
        _ => throw new InvalidDataException($"{where()}: APPEND to a {Describe(target)} (malformed pickle)"),
    };

    private static PickleDict DictOf(object? target, Func<string> where) => target switch
    {
        PickleDict dict => dict,
        PickleObject o => o.DictItems,
        _ => throw new InvalidDataException($"{where()}: SETITEM on a {Describe(target)} (malformed pickle)"),
    };

    private static PickleGlobal GlobalOf(object? value, Func<string> where) =>
        value as PickleGlobal ?? throw new InvalidDataException($"{where()}: a call of a {Describe(value)}; only named classes and functions can be called");

    private static object?[] TupleOf(object? value, Func<string> where) =>
        value as object?[] ?? throw new InvalidDataException($"{where()}: call arguments are a {Describe(value)}, expected a tuple");
}
