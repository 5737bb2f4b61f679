#!/usr/bin/env python3
"""Marks one symbol-version requirement of an ELF shared library as weak (VER_FLG_WEAK).

Why: TorchSharp 0.107.0's libLibTorchSharp.so was built with GCC 13 and asks libstdc++ for
GLIBCXX_3.4.32, which Debian 12's libstdc++ (GCC 12, up to 3.4.30) lacks. Its only symbol of
that version is std::ios_base_library_init(), which environment/glibcxx_shim.cpp supplies. A weak
requirement lets the loader go on when the version is missing, instead of refusing the library.

Usage: elf_weak_version.py LIBRARY VERSION     (prints what it did; exit 0 when the need is weak)
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def section_headers(data):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    for i in range(shnum):
        # sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, ...
        yield struct.unpack_from("<IIQQQQII", data, shoff + i * shentsize)


def c_string(data, offset):
    return data[offset:data.index(b"\0", offset)].decode()


def version_needs(data):
    """Yields (library, version name, file offset of vna_flags, flags) for every version need."""
    headers = list(section_headers(data))
    for _, sh_type, _, _, offset, _, link, count in headers:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strtab = headers[link][4]
        entry = offset
        for _ in range(count):
            _, aux_count, file_name, aux, next_entry = struct.unpack_from("<HHIII", data, entry)
            aux_at = entry + aux
            for _ in range(aux_count):
                _, flags, _, name, next_aux = struct.unpack_from("<IHHII", data, aux_at)
                yield c_string(data, strtab + file_name), c_string(data, strtab + name), aux_at + 4, flags
                aux_at += next_aux
            entry += next_entry


def main(path, version):
    data = bytearray(open(path, "rb").read())
    needs = [n for n in version_needs(data) if n[1] == version]
    if not needs:
        print(f"{path}: needs no {version}; nothing to do")
        return
    changed = False
    for library, name, flags_at, flags in needs:
        if flags & VER_FLG_WEAK:
            print(f"{path}: {library} {name} is already weak")
            continue
        struct.pack_into("<H", data, flags_at, flags | VER_FLG_WEAK)
        changed = True
        print(f"{path}: {library} {name} marked weak")
    if changed:
        temporary = path + ".weak-tmp"
        with open(temporary, "wb") as f:
            f.write(data)
        import os
        os.chmod(temporary, os.stat(path).st_mode)
        os.replace(temporary, path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
