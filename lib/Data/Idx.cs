// IDX: the file format of MNIST and Fashion-MNIST, read and written for every element type and rank.
// Layout (big-endian): 0x00 0x00, a type code, the rank, one int32 per dimension, then the elements.
// Gzip or raw is told from the first bytes, never from the file name. Every malformed file is refused
// with an IdxFormatException that names the file, the byte offset, what was expected and what was found.
using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;

public enum IdxElementType : byte
{
    UnsignedByte = 0x08,
    SignedByte = 0x09,
    Int16 = 0x0B,
    Int32 = 0x0C,
    Float32 = 0x0D,
    Float64 = 0x0E,
}

/// <summary>An n-dimensional array as stored in an IDX file: a shape and a flat, row-major element array.</summary>
public sealed class IdxArray
{
    public IdxElementType ElementType { get; }
    public int[] Shape { get; }
    /// <summary>byte[], sbyte[], short[], int[], float[] or double[], by element type.</summary>
    public Array Data { get; }

    public IdxArray(IdxElementType elementType, int[] shape, Array data)
    {
        long count = Idx.ElementCount(shape, "shape");
        if (data.GetType() != Idx.ClrArrayType(elementType))
            throw new ArgumentException($"{elementType} needs a {Idx.ClrArrayType(elementType).Name}, got a {data.GetType().Name}");
        if (data.LongLength != count)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} elements, the data has {data.LongLength}");
        ElementType = elementType;
        Shape = (int[])shape.Clone();
        Data = data;
    }

    public static IdxArray Of(byte[] data, params int[] shape) => new(IdxElementType.UnsignedByte, shape, data);
    public static IdxArray Of(sbyte[] data, params int[] shape) => new(IdxElementType.SignedByte, shape, data);
    public static IdxArray Of(short[] data, params int[] shape) => new(IdxElementType.Int16, shape, data);
    public static IdxArray Of(int[] data, params int[] shape) => new(IdxElementType.Int32, shape, data);
    public static IdxArray Of(float[] data, params int[] shape) => new(IdxElementType.Float32, shape, data);
    public static IdxArray Of(double[] data, params int[] shape) => new(IdxElementType.Float64, shape, data);

    public int Rank => Shape.Length;
    public long Length => Data.LongLength;
    public byte[] AsBytes() => Data as byte[] ?? throw new InvalidOperationException($"the elements are {ElementType}, not bytes");
    public override string ToString() => $"IDX {ElementType} [{string.Join(" x ", Shape)}]";
}

/// <summary>The header of an IDX file, as <see cref="Idx.ReadHeader(string)"/> finds it.</summary>
public sealed record IdxHeader(IdxElementType ElementType, int[] Shape, byte[] Bytes)
{
    public string Hex => string.Join(" ", Bytes.Select(b => b.ToString("X2")));
    public override string ToString() => $"{Hex}  =  magic 00 00, type 0x{(byte)ElementType:X2} ({ElementType}), rank {Shape.Length}, shape [{string.Join(" x ", Shape)}]";
}

/// <summary>A malformed IDX file: which file, where in it, and what was wrong.</summary>
public sealed class IdxFormatException : Exception
{
    public string FileName { get; }
    public long Offset { get; }

    public IdxFormatException(string fileName, long offset, string problem)
        : base($"{fileName}: at byte offset {offset}: {problem}")
    {
        FileName = fileName;
        Offset = offset;
    }
}

public static class Idx
{
    const int MagicLength = 4;

    public static int ElementSize(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Float32 => 4,
        IdxElementType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an IDX element type"),
    };

    public static Type ClrArrayType(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte => typeof(byte[]),
        IdxElementType.SignedByte => typeof(sbyte[]),
        IdxElementType.Int16 => typeof(short[]),
        IdxElementType.Int32 => typeof(int[]),
        IdxElementType.Float32 => typeof(float[]),
        IdxElementType.Float64 => typeof(double[]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an IDX element type"),
    };

    public static long ElementCount(int[] shape, string what)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d <= 0) throw new ArgumentException($"{what} [{string.Join(", ", shape)}] has a dimension of {d}");
            count *= d;
            if (count > Array.MaxLength) throw new ArgumentException($"{what} [{string.Join(", ", shape)}] holds more elements than an array can");
        }
        return count;
    }

    /// <summary>True when the bytes start a gzip stream (RFC 1952 magic 1F 8B).</summary>
    public static bool IsGzip(ReadOnlySpan<byte> firstBytes) => firstBytes.Length >= 2 && firstBytes[0] == 0x1F && firstBytes[1] == 0x8B;

    /// <summary>Reads an IDX file, gzip-compressed or raw.</summary>
    public static IdxArray Read(string path)
    {
        using Stream content = OpenContent(path, out long? contentLength);
        return Read(content, path, contentLength);
    }

    /// <summary>Reads only the header of an IDX file: element type, shape and the header's raw bytes.</summary>
    public static IdxHeader ReadHeader(string path)
    {
        using Stream content = OpenContent(path, out long? contentLength);
        var (type, shape) = ReadHeader(content, path, contentLength);
        using Stream again = OpenContent(path, out _);
        var bytes = new byte[MagicLength + 4 * shape.Length];
        again.ReadExactly(bytes);
        return new IdxHeader(type, shape, bytes);
    }

    /// <summary>Opens the decompressed content of a file, gzip or raw, with its length when the file tells it.</summary>
    static Stream OpenContent(string path, out long? contentLength)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> head = stackalloc byte[2];
        int got = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (!IsGzip(head[..got]))
        {
            contentLength = file.Length;
            return file;
        }
        contentLength = GzipDeclaredLength(file);
        return new GZipStream(file, CompressionMode.Decompress);
    }

    /// <summary>Reads IDX content from a stream of the raw (decompressed) bytes.</summary>
    /// <param name="contentLength">The content's length when known, so that a header declaring more data
    /// than there is gets refused before anything is allocated; null when unknown.</param>
    public static IdxArray Read(Stream content, string fileName, long? contentLength = null)
    {
        var (type, shape) = ReadHeader(content, fileName, contentLength);
        long headerLength = MagicLength + 4L * shape.Length;
        long count = 1;
        foreach (int d in shape) count *= d;
        Array data = Array.CreateInstance(ClrArrayType(type).GetElementType(), count);
        ReadElements(content, fileName, type, data, headerLength);
        RefuseTrailingBytes(content, fileName, headerLength + count * ElementSize(type));
        return new IdxArray(type, shape, data);
    }

    static (IdxElementType, int[]) ReadHeader(Stream content, string fileName, long? contentLength)
    {
        Span<byte> magic = stackalloc byte[MagicLength];
        ReadExactly(content, magic, fileName, 0, "the 4-byte IDX magic number");
        if (magic[0] != 0 || magic[1] != 0)
            throw new IdxFormatException(fileName, 0,
                $"bad magic number: expected 00 00 <type> <rank>, found {Convert.ToHexString(magic)}{(LooksLikeHtml(magic) ? " (this looks like an HTML page, not an IDX file)" : "")}");
        var type = (IdxElementType)magic[2];
        if (!Enum.IsDefined(type))
            throw new IdxFormatException(fileName, 2, $"unknown element type code 0x{magic[2]:X2}: expected one of 08, 09, 0B, 0C, 0D, 0E");
        int rank = magic[3];
        if (rank == 0)
            throw new IdxFormatException(fileName, 3, "rank 0: expected at least one dimension");

        var shape = new int[rank];
        Span<byte> word = stackalloc byte[4];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            long offset = MagicLength + 4L * i;
            ReadExactly(content, word, fileName, offset, $"dimension {i} of {rank}");
            uint d = BinaryPrimitives.ReadUInt32BigEndian(word);
            if (d == 0)
                throw new IdxFormatException(fileName, offset, $"dimension {i} is 0: expected a positive size");
            if (d > int.MaxValue)
                throw new IdxFormatException(fileName, offset, $"dimension {i} is {d}: larger than {int.MaxValue}");
            shape[i] = (int)d;
            count *= d;
            if (count > Array.MaxLength)
                throw new IdxFormatException(fileName, offset, $"the dimensions [{string.Join(" x ", shape[..(i + 1)])}] overflow: more than {Array.MaxLength} elements");
        }

        long headerLength = MagicLength + 4L * rank;
        long declared = headerLength + count * ElementSize(type);
        if (contentLength is long actual && declared > actual)
            throw new IdxFormatException(fileName, headerLength,
                $"the header declares {type} [{string.Join(" x ", shape)}], {declared} bytes in all, but the content has only {actual} bytes");
        return (type, shape);
    }

    static void ReadElements(Stream content, string fileName, IdxElementType type, Array data, long offset)
    {
        // Signed bytes come this way too: the runtime lets an sbyte[] pass as a byte[] (same size, same bits), so the
        // bytes are read straight into it, as two's complement.
        if (data is byte[] bytes)
        {
            ReadExactly(content, bytes, fileName, offset, $"{bytes.Length} elements");
            return;
        }
        int size = ElementSize(type);
        // Read in chunks and swap byte order into the typed array: no second full-size copy.
        var chunk = new byte[Math.Min(1 << 20, data.Length * size)];
        int done = 0;
        while (done < data.Length)
        {
            int n = Math.Min(chunk.Length / size, data.Length - done);
            ReadExactly(content, chunk.AsSpan(0, n * size), fileName, offset + (long)done * size, $"{data.Length} elements of {type}");
            DecodeBigEndian(chunk.AsSpan(0, n * size), data, done, n);
            done += n;
        }
    }

    static void DecodeBigEndian(ReadOnlySpan<byte> source, Array target, int start, int count)
    {
        switch (target)
        {
            case short[] s: for (int i = 0; i < count; i++) s[start + i] = BinaryPrimitives.ReadInt16BigEndian(source[(2 * i)..]); break;
            case int[] s: for (int i = 0; i < count; i++) s[start + i] = BinaryPrimitives.ReadInt32BigEndian(source[(4 * i)..]); break;
            case float[] s: for (int i = 0; i < count; i++) s[start + i] = BinaryPrimitives.ReadSingleBigEndian(source[(4 * i)..]); break;
            case double[] s: for (int i = 0; i < count; i++) s[start + i] = BinaryPrimitives.ReadDoubleBigEndian(source[(8 * i)..]); break;
        }
    }

    static void ReadExactly(Stream content, Span<byte> buffer, string fileName, long offset, string what)
    {
        int got;
        try { got = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false); }
        catch (InvalidDataException e) { throw new IdxFormatException(fileName, offset, $"corrupt gzip data while reading {what}: {e.Message}"); }
        if (got < buffer.Length)
            throw new IdxFormatException(fileName, offset + got,
                $"truncated: expected {what} ({buffer.Length} bytes from offset {offset}), the file ends after {got} of them");
    }

    static void RefuseTrailingBytes(Stream content, string fileName, long end)
    {
        var probe = new byte[4096];
        long extra = 0;
        int n;
        try { while ((n = content.Read(probe)) > 0) extra += n; }
        catch (InvalidDataException e) { throw new IdxFormatException(fileName, end, $"corrupt gzip data after the elements: {e.Message}"); }
        if (extra > 0)
            throw new IdxFormatException(fileName, end, $"{extra} trailing bytes after the last element: expected the file to end here");
    }

    /// <summary>The uncompressed length from a gzip trailer (ISIZE, length mod 2^32), or null when it cannot be trusted.</summary>
    static long? GzipDeclaredLength(FileStream file)
    {
        // ISIZE is modulo 2^32 and describes the last member only; trust it for single-member files under 4 GiB,
        // which is all that IDX data sets use. The decompressor still checks the real length as it reads.
        if (file.Length < 18 || file.Length >= uint.MaxValue) return null;
        Span<byte> trailer = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        file.Position = 0;
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    /// <summary>
    /// Whether a file's first bytes look like an HTML page (an error page served instead of the file): neither gzip
    /// (1F 8B) nor IDX (00 00) starts with text, and a page starts with '<', perhaps after white space.
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        foreach (byte b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'<';
        }
        return false;
    }

    /// <summary>Writes an IDX file, gzip-compressed when asked; through a temporary file, so a failed write leaves nothing behind.</summary>
    public static void Write(string path, IdxArray array, bool gzip)
    {
        AtomicFile.Write(path, file =>
        {
            using Stream output = gzip ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : file;
            Write(output, array);
        });
    }

    /// <summary>Writes the raw IDX bytes of an array to a stream.</summary>
    public static void Write(Stream output, IdxArray array)
    {
        if (array.Rank > 255) throw new ArgumentException($"rank {array.Rank}: IDX stores at most 255 dimensions");
        Span<byte> word = stackalloc byte[4];
        output.Write([0, 0, (byte)array.ElementType, (byte)array.Rank]);
        foreach (int d in array.Shape)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, d);
            output.Write(word);
        }
        if (array.Data is byte[] bytes) { output.Write(bytes); return; }   // sbyte[] too, as in ReadElements
        int size = ElementSize(array.ElementType);
        var chunk = new byte[Math.Min(1 << 20, array.Data.Length * size)];
        for (int done = 0; done < array.Data.Length;)
        {
            int n = Math.Min(chunk.Length / size, array.Data.Length - done);
            EncodeBigEndian(array.Data, done, n, chunk);
            output.Write(chunk, 0, n * size);
            done += n;
        }
    }

    static void EncodeBigEndian(Array source, int start, int count, Span<byte> target)
    {
        switch (source)
        {
            case short[] s: for (int i = 0; i < count; i++) BinaryPrimitives.WriteInt16BigEndian(target[(2 * i)..], s[start + i]); break;
            case int[] s: for (int i = 0; i < count; i++) BinaryPrimitives.WriteInt32BigEndian(target[(4 * i)..], s[start + i]); break;
            case float[] s: for (int i = 0; i < count; i++) BinaryPrimitives.WriteSingleBigEndian(target[(4 * i)..], s[start + i]); break;
            case double[] s: for (int i = 0; i < count; i++) BinaryPrimitives.WriteDoubleBigEndian(target[(8 * i)..], s[start + i]); break;
        }
    }
}
