using System.IO.Compression;
using Xunit;

public class IdxTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("idx-tests-").FullName;
    public void Dispose() => Directory.Delete(_folder, recursive: true);
    string PathOf(string name) => Path.Combine(_folder, name);

    public static TheoryData<IdxArray, bool> EveryTypeAndRank()
    {
        var data = new TheoryData<IdxArray, bool>();
        foreach (bool gzip in new[] { false, true })
        {
            data.Add(IdxArray.Of(new byte[] { 0, 1, 127, 128, 255, 7 }, 6), gzip);
            data.Add(IdxArray.Of(new sbyte[] { -128, -1, 0, 1, 127, 5 }, 2, 3), gzip);
            data.Add(IdxArray.Of(new short[] { short.MinValue, -1, 0, 1, short.MaxValue, 300, 2, 9 }, 2, 2, 2), gzip);
            data.Add(IdxArray.Of(new int[] { int.MinValue, -1, 0, 1, int.MaxValue, 70000 }, 1, 2, 3, 1), gzip);
            data.Add(IdxArray.Of(new float[] { float.MinValue, -0.5f, 0, 1e-30f, float.MaxValue, float.NaN }, 3, 2), gzip);
            data.Add(IdxArray.Of(new double[] { double.MinValue, -0.25, 0, 1e-300, double.MaxValue, double.NegativeInfinity }, 1, 1, 1, 1, 6), gzip);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTypeAndRank))]
    public void Written_array_reads_back_identically(IdxArray array, bool gzip)
    {
        string path = PathOf("roundtrip");
        Idx.Write(path, array, gzip);

        IdxArray read = Idx.Read(path);

        Assert.Equal(array.ElementType, read.ElementType);
        Assert.Equal(array.Shape, read.Shape);
        Assert.Equal(array.Data, read.Data);
    }

    [Fact]
    public void Header_is_big_endian_with_type_and_rank()
    {
        var stream = new MemoryStream();
        Idx.Write(stream, IdxArray.Of(new int[] { 0x01020304 }, 1, 1));
        Assert.Equal(new byte[] { 0, 0, 0x0C, 2, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4 }, stream.ToArray());
    }

    [Fact]
    public void Gzip_is_detected_from_the_bytes_not_the_name()
    {
        var array = IdxArray.Of(new byte[] { 1, 2, 3 }, 3);
        Idx.Write(PathOf("compressed.raw"), array, gzip: true);
        Idx.Write(PathOf("plain.gz"), array, gzip: false);

        Assert.Equal(array.Data, Idx.Read(PathOf("compressed.raw")).Data);
        Assert.Equal(array.Data, Idx.Read(PathOf("plain.gz")).Data);
    }

    IdxFormatException ReadBytes(byte[] bytes, bool gzip = false)
    {
        string path = PathOf(gzip ? "bad.gz" : "bad");
        if (gzip)
        {
            using var file = File.Create(path);
            using var compressed = new GZipStream(file, CompressionLevel.Fastest);
            compressed.Write(bytes);
        }
        else File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(path));
        Assert.Equal(path, error.FileName);
        Assert.StartsWith(path + ": at byte offset ", error.Message);
        return error;
    }

    [Fact]
    public void Bad_magic_names_what_was_found()
    {
        var error = ReadBytes([1, 2, 8, 1, 0, 0, 0, 1, 5]);
        Assert.Equal(0, error.Offset);
        Assert.Contains("bad magic number", error.Message);
        Assert.Contains("found 01020801", error.Message);
    }

    [Fact]
    public void Html_page_is_called_html()
    {
        var error = ReadBytes("<!DOCTYPE html><html>Not Found</html>"u8.ToArray());
        Assert.Contains("HTML page", error.Message);
    }

    [Fact]
    public void Unknown_type_code_names_the_code()
    {
        var error = ReadBytes([0, 0, 0x0A, 1, 0, 0, 0, 1, 5]);
        Assert.Equal(2, error.Offset);
        Assert.Contains("unknown element type code 0x0A", error.Message);
    }

    [Fact]
    public void Zero_dimension_names_the_dimension()
    {
        var error = ReadBytes([0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 0]);
        Assert.Equal(8, error.Offset);
        Assert.Contains("dimension 1 is 0", error.Message);
    }

    [Fact]
    public void Rank_zero_is_refused()
    {
        var error = ReadBytes([0, 0, 8, 0]);
        Assert.Contains("rank 0", error.Message);
    }

    [Fact]
    public void Overflowing_dimensions_are_refused_before_allocating()
    {
        var error = ReadBytes([0, 0, 0x0E, 3, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2]);
        Assert.Contains("overflow", error.Message);
    }

    [Fact]
    public void Dimension_above_int_max_is_refused()
    {
        var error = ReadBytes([0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF]);
        Assert.Equal(4, error.Offset);
        Assert.Contains("dimension 0 is 4294967295", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Declared_size_larger_than_the_file_is_refused_before_allocating(bool gzip)
    {
        // 60000 x 28 x 28 declared, 3 bytes present: refused from the header, no 47 MB array made.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadBytes([0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3], gzip);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
        Assert.Equal(16, error.Offset);
        Assert.Contains("47040016 bytes in all, but the content has only 19 bytes", error.Message);
    }

    [Fact]
    public void Truncated_data_names_the_offset_where_the_file_ends()
    {
        var bytes = new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        using var stream = new MemoryStream(bytes);
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(stream, "floats.idx"));
        Assert.Equal(18, error.Offset);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("3 elements of Float32", error.Message);
    }

    [Fact]
    public void Truncated_gzip_file_is_refused()
    {
        var path = PathOf("whole.gz");
        Idx.Write(path, IdxArray.Of(new byte[10000], 100, 100), gzip: true);
        var bytes = File.ReadAllBytes(path);
        var cut = PathOf("cut.gz");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(cut));
        Assert.Contains(cut, error.Message);
    }

    [Fact]
    public void Trailing_bytes_are_refused_with_their_count()
    {
        var error = ReadBytes([0, 0, 8, 1, 0, 0, 0, 2, 7, 7, 9, 9, 9]);
        Assert.Equal(10, error.Offset);
        Assert.Contains("3 trailing bytes", error.Message);
    }

    [Fact]
    public void Failed_write_leaves_no_file_behind()
    {
        string path = PathOf("never");
        var wrongRank = new IdxArray(IdxElementType.UnsignedByte, Enumerable.Repeat(1, 256).ToArray(), new byte[1]);
        Assert.Throws<ArgumentException>(() => Idx.Write(path, wrongRank, gzip: true));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Typed_arrays_larger_than_one_chunk_round_trip_raw_and_gzip()
    {
        // Elements are read and written in chunks of 1 MiB: these arrays take two and three.
        var floats = Enumerable.Range(0, 300_000).Select(i => i * 0.5f - 7).ToArray();
        var doubles = Enumerable.Range(0, 300_000).Select(i => Math.Sqrt(i) - i).ToArray();
        var signed = Enumerable.Range(0, 5).Select(i => (sbyte)(i * 50 - 100)).ToArray();
        foreach (bool gzip in new[] { false, true })
        {
            foreach (var array in new[] { IdxArray.Of(floats, 600, 500), IdxArray.Of(doubles, 300_000), IdxArray.Of(signed, 5) })
            {
                string path = PathOf($"big-{array.ElementType}-{gzip}");
                Idx.Write(path, array, gzip);
                byte[] start = File.ReadAllBytes(path)[..2];
                Assert.Equal(gzip ? new byte[] { 0x1F, 0x8B } : new byte[] { 0, 0 }, start);
                var read = Idx.Read(path);
                Assert.Equal(array.Shape, read.Shape);
                Assert.Equal(array.Data, read.Data);
            }
        }
        var raw = new MemoryStream();
        Idx.Write(raw, IdxArray.Of(floats, 300_000));
        Assert.Equal(8 + 4 * 300_000, raw.Length);
    }

    [Fact]
    public void Arrays_that_do_not_match_their_type_or_shape_are_refused_with_both_named()
    {
        var wrongType = Assert.Throws<ArgumentException>(() => new IdxArray(IdxElementType.Int32, [2], new float[2]));
        Assert.Contains("Int32 needs a Int32[], got a Single[]", wrongType.Message);
        var wrongCount = Assert.Throws<ArgumentException>(() => IdxArray.Of(new byte[5], 2, 3));
        Assert.Contains("shape [2, 3] holds 6 elements, the data has 5", wrongCount.Message);
        Assert.Contains("shape [2, 0] has a dimension of 0", Assert.Throws<ArgumentException>(() => IdxArray.Of(new byte[0], 2, 0)).Message);
        Assert.Contains("shape [-1] has a dimension of -1", Assert.Throws<ArgumentException>(() => IdxArray.Of(new byte[0], -1)).Message);
        Assert.Contains("holds more elements than an array can",
            Assert.Throws<ArgumentException>(() => Idx.ElementCount([65536, 65536], "shape")).Message);
        Assert.Equal(Array.MaxLength, Idx.ElementCount([Array.MaxLength], "shape"));
        Assert.Contains("the elements are Float32, not bytes", Assert.Throws<InvalidOperationException>(() => IdxArray.Of(new float[1], 1).AsBytes()).Message);
        Assert.Equal("IDX UnsignedByte [2 x 3]", IdxArray.Of(new byte[6], 2, 3).ToString());
        var tooManyDimensions = IdxArray.Of(new byte[1], Enumerable.Repeat(1, 256).ToArray());
        Assert.Contains("rank 256: IDX stores at most 255 dimensions", Assert.Throws<ArgumentException>(() => Idx.Write(new MemoryStream(), tooManyDimensions)).Message);
        Idx.Write(new MemoryStream(), IdxArray.Of(new byte[1], Enumerable.Repeat(1, 255).ToArray()));
    }

    [Fact]
    public void Gzip_and_html_are_told_from_their_first_bytes()
    {
        Assert.True(Idx.IsGzip([0x1F, 0x8B, 0]));
        Assert.False(Idx.IsGzip([0x1F]));
        Assert.False(Idx.IsGzip([0x1F, 0x00]));
        Assert.False(Idx.IsGzip([0x00, 0x8B]));
        Assert.False(Idx.IsGzip([]));
        Assert.True(Idx.LooksLikeHtml(" \t\r\n<html>"u8));
        Assert.True(Idx.LooksLikeHtml("\n<!DOCTYPE"u8));
        Assert.False(Idx.LooksLikeHtml(" x<"u8));
        Assert.False(Idx.LooksLikeHtml("  \t"u8));
        Assert.False(Idx.LooksLikeHtml([0, 0, 8, 1]));
    }

    [Fact]
    public void Typed_data_that_ends_early_or_runs_on_names_the_offset()
    {
        // int32 [3]: header 8 bytes, data 12 bytes.
        var bytes = new byte[] { 0, 0, 0x0C, 1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 };
        string path = PathOf("ints");
        File.WriteAllBytes(path, bytes.Concat(new byte[] { 9, 9 }).ToArray());
        var trailing = Assert.Throws<IdxFormatException>(() => Idx.Read(path));
        Assert.Equal(20, trailing.Offset);
        Assert.Contains("2 trailing bytes after the last element", trailing.Message);
        var stream = new MemoryStream(bytes[..18]);
        var truncated = Assert.Throws<IdxFormatException>(() => Idx.Read(stream, "ints", contentLength: null));
        Assert.Equal(18, truncated.Offset);
        Assert.Contains("truncated: expected 3 elements of Int32 (12 bytes from offset 8), the file ends after 10 of them", truncated.Message);
        Assert.Equal(new[] { 1, 2, 3 }, Idx.Read(new MemoryStream(bytes), "ints").Data);
    }
    [Fact]
    public void Trailing_bytes_after_a_header_of_several_dimensions_are_found_at_the_right_offset()
    {
        // Rank 2: the header is 4 + 2 x 4 = 12 bytes, the elements 1 x 2 = 2, so the trailing byte is at 14.
        var error = ReadBytes([0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 2, 7, 7, 9]);
        Assert.Equal(14, error.Offset);
        Assert.Contains("1 trailing bytes after the last element", error.Message);
    }

    [Fact]
    public void Signed_bytes_round_trip_through_a_stream()
    {
        var signed = IdxArray.Of(new sbyte[] { -128, -1, 0, 1, 127 }, 5);
        var stream = new MemoryStream();
        Idx.Write(stream, signed);
        Assert.Equal(new byte[] { 0, 0, 0x09, 1, 0, 0, 0, 5, 0x80, 0xFF, 0, 1, 0x7F }, stream.ToArray());
        Assert.Equal(signed.Data, Idx.Read(new MemoryStream(stream.ToArray()), "signed").Data);
    }

    [Fact]
    public void A_gzip_file_whose_checksum_fails_after_the_elements_is_refused_there()
    {
        // Four elements, then bytes that run on: the elements are read whole before the stream's end, where the
        // decompressor checks the CRC-32 of the gzip trailer, which is spoiled here.
        var content = new MemoryStream();
        Idx.Write(content, IdxArray.Of(new byte[] { 1, 2, 3, 4 }, 4));
        content.Write(new byte[100]);
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content.ToArray());
        byte[] bytes = compressed.ToArray();
        bytes[^8] ^= 0xFF;
        string path = PathOf("bad-crc.gz");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(path));
        Assert.Equal(12, error.Offset);
        Assert.Contains("corrupt gzip data after the elements", error.Message);
    }

    [Fact]
    public void Files_too_short_for_a_magic_number_are_refused_as_truncated_raw_or_gzip()
    {
        // One byte: too short even to tell gzip from raw. Two bytes of gzip's signature and nothing else: too short
        // for a gzip trailer.
        var oneByte = ReadBytes([0]);
        Assert.Contains("truncated: expected the 4-byte IDX magic number", oneByte.Message);
        string signatureOnly = PathOf("signature.gz");
        File.WriteAllBytes(signatureOnly, [0x1F, 0x8B]);
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(signatureOnly));
        Assert.Equal(signatureOnly, error.FileName);
    }

    [Fact]
    public void A_magic_number_with_either_of_its_first_two_bytes_set_is_bad_and_not_called_html()
    {
        foreach (byte[] magic in new byte[][] { [0, 1, 8, 1], [1, 0, 8, 1] })
        {
            var error = ReadBytes([.. magic, 0, 0, 0, 1, 5]);
            Assert.Contains("bad magic number", error.Message);
            Assert.DoesNotContain("HTML", error.Message);
        }
    }

    [Fact]
    public void A_header_of_exactly_the_largest_array_passes_the_overflow_check_and_meets_the_content_check()
    {
        // Array.MaxLength bytes declared: not an overflow (an array can hold them), but far more than the content.
        var header = new byte[8];
        header[2] = 8; header[3] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Array.MaxLength);
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(new MemoryStream(header), "largest", contentLength: 8));
        Assert.Contains($"the header declares UnsignedByte [{Array.MaxLength}], {8L + Array.MaxLength} bytes in all, but the content has only 8 bytes", error.Message);
    }

    [Fact]
    public void A_typed_header_declaring_more_elements_than_the_content_holds_is_refused_from_the_header()
    {
        // int32 [10]: 8 + 40 bytes declared, 8 + 20 present.
        var bytes = new byte[28];
        bytes[2] = 0x0C; bytes[3] = 1; bytes[7] = 10;
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(new MemoryStream(bytes), "ints", contentLength: bytes.Length));
        Assert.Equal(8, error.Offset);
        Assert.Contains("the header declares Int32 [10], 48 bytes in all, but the content has only 28 bytes", error.Message);
    }

    [Fact]
    public void Typed_data_cut_in_its_second_chunk_names_the_offset_where_the_file_ends()
    {
        // 300,000 floats take two chunks of reading (1 MiB each); the file loses its last 6 bytes.
        var written = new MemoryStream();
        Idx.Write(written, IdxArray.Of(new float[300_000], 300_000));
        byte[] whole = written.ToArray();
        var error = Assert.Throws<IdxFormatException>(() => Idx.Read(new MemoryStream(whole[..^6]), "cut-floats", contentLength: null));
        Assert.Equal(whole.Length - 6, error.Offset);
        Assert.Contains($"({300_000 * 4 - (1 << 20)} bytes from offset {8 + (1 << 20)})", error.Message);
    }
}

public class IdxHeaderTests
{
    [Fact]
    public void Header_of_a_gzip_file_gives_type_shape_and_raw_bytes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"header-{Guid.NewGuid():N}.gz");
        try
        {
            Idx.Write(path, IdxArray.Of(new byte[6 * 4 * 5], 6, 4, 5), gzip: true);
            IdxHeader header = Idx.ReadHeader(path);
            Assert.Equal(IdxElementType.UnsignedByte, header.ElementType);
            Assert.Equal(new[] { 6, 4, 5 }, header.Shape);
            Assert.Equal("00 00 08 03 00 00 00 06 00 00 00 04 00 00 00 05", header.Hex);
        }
        finally { File.Delete(path); }
    }

}
