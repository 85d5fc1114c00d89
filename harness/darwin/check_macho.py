#!/usr/bin/env python3
"""Static check of sysport's Darwin binaries: what macOS requires of an executable, and what
the disassembly says about every trap.

    check_macho.py --arch arm64 --manifest BUILD/targets/<target>/manifest.json
    check_macho.py --arch arm64 --manifest MANIFEST --variant NAME --expect-fail TEXT
    check_macho.py --arch x86_64 --binary PATH --kind raw [--expect-fail TEXT]

For each binary (every backend of the manifest, the raw binaries of one of its broken
"variants", or the one given):

  header     MH_MAGIC_64, the target's CPU, MH_EXECUTE with PIE and DYLDLINK (an arm64
             executable must be both: bsd/kern/mach_loader.c refuses static arm64 binaries
             and requires PIE, pie_required()).
  commands   exactly one LC_MAIN and no LC_UNIXTHREAD; LC_LOAD_DYLINKER /usr/lib/dyld;
             LC_LOAD_DYLIB /usr/lib/libSystem.B.dylib (dyld refuses a main executable without
             libSystem); LC_BUILD_VERSION for macos with the expected minimum; a non-zero
             LC_UUID; a __PAGEZERO of 4 GiB with no access (XNU enforces a hard page zero on
             arm64); the LC_MAIN entry inside __TEXT,__text at the expected symbol.
  signature  LC_CODE_SIGNATURE on arm64 (the kernel kills unsigned arm64 code): the blob is
             parsed and every page hash of its CodeDirectory is recomputed and compared.
             Where present on x86-64 it is verified the same way.
  imports    raw binaries import nothing (they link libSystem only for its load command);
             libc binaries import only from libSystem, and only symbols the project's stub
             (arch/darwin-common/libSystem.tbd) declares.
  traps      arm64: every svc is `svc #0x80`, x16 is set before it, a constant number is a
             BSD syscall of tables/darwin/syscalls.h (not a reserved nosys/enosys slot), and
             the carry flag is tested right after it (b.cs/b.cc/b.hs/b.lo, cset/csel...).
             x86-64: rax is set before every `syscall`, a constant carries class 2
             (0x2000000 + number) and a known number, and the carry is tested right after
             it (jb/jae/jc/jnc, setb, cmovb, adc/sbb...). int $0x80 and svc #0 (Linux's
             traps) are errors.

Exit status: 0 all binaries pass, 1 a check failed (each problem is printed) or there was
nothing to check, 2 usage or a missing input (a binary that is not there included), 77
(CTest's skip) llvm-objdump is not installed. With --expect-fail TEXT the meaning is
inverted for self-tests: 0 only if the check fails and a problem contains TEXT (a missing
binary is still 2, never "caught").
Python 3 standard library and llvm-objdump-14 / llvm-nm-14 (Debian llvm-14).
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Per CPU (the record's darwin.arch): the Mach-O CPU type, and whether the kernel demands a
# code signature (arm64 macOS refuses to run unsigned code; Intel macOS does not).
ARCH = {
    "arm64": {"cputype": "ARM64", "signature_required": True},
    "x86_64": {"cputype": "X86_64", "signature_required": False},
}
ENTRY_SYMBOL = {"raw": "_sp_darwin_start", "libc": "_main"}
UNIX_CLASS = 2 << 24  # SYSCALL_CLASS_UNIX << SYSCALL_CLASS_SHIFT (osfmk/mach/i386/syscall_sw.h)
TRAP_WINDOW = 12      # instructions looked back for the number register, within the function
CARRY_WINDOW = 2      # instructions after the trap in which the carry must be consumed

# Code signing blob format (Apple's cs_blobs.h; all fields big-endian).
CSMAGIC_EMBEDDED_SIGNATURE = 0xFADE0CC0
CSMAGIC_CODEDIRECTORY = 0xFADE0C02
CSSLOT_CODEDIRECTORY = 0
CS_ADHOC = 0x2
CS_HASHTYPE_SHA256 = 2


class Tool:
    def __init__(self, names):
        self.path = next((shutil.which(n) for n in names if shutil.which(n)), None)
        self.names = names

    def run(self, *args):
        out = subprocess.run([self.path, *args], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"{os.path.basename(self.path)} {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout


def load_syscall_table(tables_dir):
    names, reserved = {}, {}
    text = open(os.path.join(tables_dir, "syscalls.h")).read()
    for m in re.finditer(r"^#define SP_NR_(\w+) (\d+)$", text, re.M):
        names[int(m.group(2))] = m.group(1)
    for m in re.finditer(r'X\((\d+), "([^"]*)"\)', text):
        reserved[int(m.group(1))] = m.group(2)
    nsysent = int(re.search(r"^#define SP_SYSCALL_NSYSENT (\d+)$", text, re.M).group(1))
    if not names:
        raise RuntimeError(f"no SP_NR_ names in {tables_dir}/syscalls.h")
    return names, reserved, nsysent


def load_tbd_symbols(tbd):
    text = open(tbd).read().split("\n...")[0]
    m = re.search(r"symbols:\s*\[(.*?)\]", text, re.S)
    return {s.strip() for s in m.group(1).split(",") if s.strip()} if m else set()


def parse_load_commands(text):
    """llvm-objdump --macho --private-headers -> (header fields, [command dicts])."""
    lines = text.splitlines()
    header = {}
    for i, line in enumerate(lines):
        if line.strip().startswith("magic cputype"):
            f = lines[i + 1].split()
            header = {"magic": f[0], "cputype": f[1], "filetype": f[4], "flags": set(f[7:])}
            break
    commands, cur, section = [], None, None
    for line in lines:
        s = line.strip()
        if s.startswith("Load command "):
            cur = {"sections": []}
            commands.append(cur)
            section = None
            continue
        if cur is None:
            continue
        if s == "Section":
            section = {}
            cur["sections"].append(section)
            continue
        parts = s.split(None, 1)
        if len(parts) != 2:
            continue
        key, value = parts
        (section if section is not None else cur).setdefault(key, value)
    return header, commands


def verify_code_signature(path, dataoff, datasize):
    """-> (description, [problems]) after recomputing every code page hash."""
    data = open(path, "rb").read()
    problems = []
    if dataoff + datasize > len(data):
        return "", [f"LC_CODE_SIGNATURE runs past the end of the file ({dataoff}+{datasize} > {len(data)})"]
    blob = data[dataoff:dataoff + datasize]
    magic, length, count = struct.unpack(">III", blob[:12])
    if magic != CSMAGIC_EMBEDDED_SIGNATURE:
        return "", [f"code signature magic 0x{magic:08x}, expected embedded signature 0x{CSMAGIC_EMBEDDED_SIGNATURE:08x}"]
    cd_offset = None
    for i in range(count):
        slot_type, offset = struct.unpack(">II", blob[12 + 8 * i:20 + 8 * i])
        if slot_type == CSSLOT_CODEDIRECTORY:
            cd_offset = offset
    if cd_offset is None:
        return "", ["code signature has no CodeDirectory"]
    cd = blob[cd_offset:]
    (cd_magic, _cd_len, version, flags, hash_offset, ident_offset, n_special, n_code, code_limit,
     hash_size, hash_type, _platform, page_shift) = struct.unpack(">IIIIIIIIIBBBB", cd[:40])
    if cd_magic != CSMAGIC_CODEDIRECTORY:
        return "", [f"CodeDirectory magic 0x{cd_magic:08x}"]
    if hash_type != CS_HASHTYPE_SHA256 or hash_size != 32:
        return "", [f"CodeDirectory hash type {hash_type} size {hash_size}; expected SHA-256 (2, 32)"]
    if not flags & CS_ADHOC:
        problems.append(f"CodeDirectory flags 0x{flags:x} lack CS_ADHOC (0x2): this is not an ad-hoc signature")
    if code_limit != dataoff:
        problems.append(f"the signature covers {code_limit} bytes, but the file has {dataoff} before the signature")
    page = 1 << page_shift if page_shift else code_limit
    expected_slots = (code_limit + page - 1) // page
    if n_code != expected_slots:
        problems.append(f"{n_code} code slots for {code_limit} bytes in {page}-byte pages (expected {expected_slots})")
    bad = []
    for i in range(min(n_code, expected_slots)):
        chunk = data[i * page:min((i + 1) * page, code_limit)]
        stored = cd[hash_offset + i * hash_size:hash_offset + (i + 1) * hash_size]
        if hashlib.sha256(chunk).digest() != stored:
            bad.append(i)
    if bad:
        problems.append(f"code page hashes do not match the file for pages {bad[:8]}"
                        f"{' ...' if len(bad) > 8 else ''}: macOS would kill this binary")
    ident = cd[ident_offset:cd.index(b"\0", ident_offset)].decode(errors="replace") if ident_offset else "?"
    desc = (f"LC_CODE_SIGNATURE (ad hoc, identifier {ident}, CodeDirectory 0x{version:x}, "
            f"{n_code} pages of {page} bytes verified)")
    return desc, problems


INSN = re.compile(r"^\s*(?:([0-9a-f]+):)?\s+(\S+)\s*(.*?)\s*(?:;.*)?$")


def disassemble(objdump, path):
    """-> [(function, address, mnemonic, operands)] for __TEXT,__text."""
    out = objdump.run("--macho", "-d", "--no-show-raw-insn", path)
    insns, func = [], "?"
    for line in out.splitlines():
        if not line.strip() or line.startswith(path) or line.startswith("(__TEXT"):
            continue
        if line.endswith(":") and not line.startswith((" ", "\t")) and not re.match(r"^[0-9a-f]+:", line):
            func = line[:-1]
            continue
        m = INSN.match(line)
        if m and m.group(1):
            insns.append((func, int(m.group(1), 16), m.group(2), m.group(3)))
    return insns


def parse_imm(text):
    text = text.strip().lstrip("#$")
    try:
        return int(text, 0)
    except ValueError:
        return None


ARM64_CARRY_CONDS = ("cs", "cc", "hs", "lo")


def function_starts(insns):
    starts = {}
    for func, addr, _, _ in insns:
        starts.setdefault(func, addr)
    return starts


def check_traps_arm64(insns, syscalls):
    names, reserved, nsysent = syscalls
    problems, calls, notes = [], [], []
    starts = function_starts(insns)
    for i, (func, addr, mnem, ops) in enumerate(insns):
        if mnem != "svc":
            continue
        where = f"{func}+0x{addr - starts[func]:x} (0x{addr:x})"
        imm = parse_imm(ops)
        if imm != 0x80:
            extra = " (svc #0 with x8 is Linux's trap)" if imm == 0 else ""
            problems.append(f"{where}: `svc {ops}`, Darwin traps with svc #0x80{extra}")
            continue
        number = None
        for j in range(i - 1, max(-1, i - 1 - TRAP_WINDOW), -1):
            f2, _, m2, o2 = insns[j]
            if f2 != func:
                break
            dest = o2.split(",")[0].strip()
            if dest in ("x16", "w16"):
                src = o2.split(",", 1)[1].strip() if "," in o2 else ""
                number = parse_imm(src) if m2 in ("mov", "movz", "orr") and src.startswith("#") else "register"
                break
        if number is None:
            problems.append(f"{where}: svc #0x80 with no write to x16 in the {TRAP_WINDOW} instructions before it "
                            "(Darwin takes the BSD number from x16)")
            continue
        check_number(number, where, names, reserved, nsysent, problems, calls, notes)
        after = insns[i + 1:i + 1 + CARRY_WINDOW]
        if not any(m.startswith("b.") and m[2:] in ARM64_CARRY_CONDS or
                   (m in ("cset", "csetm", "csel", "csinc", "csinv", "csneg", "cinc", "cneg")
                    and o.replace(" ", "").split(",")[-1] in ARM64_CARRY_CONDS) or m in ("adc", "adcs", "sbc", "sbcs")
                   for _, _, m, o in after):
            problems.append(f"{where}: no carry-flag check after the trap (b.cs/b.cc/b.lo/b.hs...): a failed call "
                            "would look like a success whose value is the errno")
    return problems, calls, notes


X86_CARRY = ("jb", "jae", "jc", "jnc", "jnb", "jnae", "setb", "setae", "setc", "setnc", "cmovb", "cmovae",
             "cmovc", "cmovnc", "adc", "sbb")


def x86_consumes_carry(mnemonic):
    """True if this AT&T mnemonic reads the carry flag: one of X86_CARRY, bare or with an
    operand-size suffix (llvm-objdump prints cmovbq, sbbq, adcl). Only one suffix letter
    is dropped: stripping every trailing b/w/l/q would turn sbbq into "s" and cmovbq into
    "cmov"."""
    return mnemonic in X86_CARRY or (mnemonic[-1:] in ("b", "w", "l", "q") and mnemonic[:-1] in X86_CARRY)


def check_traps_x86_64(insns, syscalls):
    names, reserved, nsysent = syscalls
    problems, calls, notes = [], [], []
    starts = function_starts(insns)
    for i, (func, addr, mnem, ops) in enumerate(insns):
        if mnem not in ("int", "syscall"):
            continue
        where = f"{func}+0x{addr - starts[func]:x} (0x{addr:x})"
        if mnem == "int" and parse_imm(ops) == 0x80:
            problems.append(f"{where}: int $0x80 is the Linux i386 trap; Darwin x86-64 uses syscall")
            continue
        if mnem != "syscall":
            continue
        number, class_seen = None, False
        for j in range(i - 1, max(-1, i - 1 - TRAP_WINDOW), -1):
            f2, _, m2, o2 = insns[j]
            if f2 != func:
                break
            operands = [o.strip() for o in o2.split(",")]
            if operands[-1] not in ("%rax", "%eax"):
                continue
            if m2.startswith("or") and parse_imm(operands[0]) == UNIX_CLASS:
                class_seen = True
                continue
            if m2.startswith("mov") and operands[0].startswith("$"):
                value = parse_imm(operands[0])
                if value is not None and (value >> 24) & 0xFF != 2:
                    problems.append(f"{where}: rax = 0x{value:x} has syscall class {(value >> 24) & 0xFF}; BSD calls "
                                    "are class 2 (0x2000000 + number); XNU raises SIGSYS for an unknown class")
                    number = "bad"
                else:
                    number = value & 0xFFFFFF if value is not None else "register"
            else:
                number = "register"
            break
        if number == "bad":
            continue
        if number is None:
            problems.append(f"{where}: syscall with no write to rax in the {TRAP_WINDOW} instructions before it")
            continue
        if number == "register" and not class_seen:
            notes.append(f"{where}: number from a register and no class 0x2000000 seen (not checked)")
        check_number(number, where, names, reserved, nsysent, problems, calls, notes)
        after = insns[i + 1:i + 1 + CARRY_WINDOW]
        if not any(x86_consumes_carry(m) for _, _, m, _ in after):
            problems.append(f"{where}: no carry-flag check after the trap (jb/jae/jc/jnc...): a failed call would look "
                            "like a success whose value is the errno")
    return problems, calls, notes


def check_number(number, where, names, reserved, nsysent, problems, calls, notes):
    if number == "register":
        calls.append("(register)")
        return
    if number in names:
        calls.append(f"{names[number]}({number})")
    elif number in reserved:
        problems.append(f"{where}: BSD syscall {number} is not a system call in XNU ({reserved[number]}; "
                        "nosys/enosys): a wrong number")
    elif number >= nsysent:
        problems.append(f"{where}: BSD syscall {number} is past XNU's last ({nsysent - 1}): a wrong number")
    else:
        problems.append(f"{where}: BSD syscall {number} is not in tables/darwin/syscalls.h")


def check_binary(path, kind, arch_name, tools, syscalls, tbd_symbols, min_os):
    objdump, nm = tools
    problems, facts = [], []
    arch = ARCH[arch_name]
    header, commands = parse_load_commands(objdump.run("--macho", "--private-headers", path))
    if header.get("magic") != "MH_MAGIC_64":
        return [f"not a 64-bit Mach-O file (magic {header.get('magic')})"], facts
    if header["cputype"] != arch["cputype"]:
        problems.append(f"CPU type {header['cputype']}, expected {arch['cputype']} for {arch_name}")
    if header["filetype"] != "EXECUTE":
        problems.append(f"file type {header['filetype']}, expected EXECUTE")
    for flag, why in (("PIE", "macOS requires position-independent arm64 executables"),
                      ("DYLDLINK", "dyld must load it (static arm64 executables are refused)")):
        if flag not in header["flags"]:
            problems.append(f"MH_{flag} missing from the header flags ({why})")
    facts.append("PIE" if "PIE" in header["flags"] else "not PIE")

    by_cmd = {}
    for c in commands:
        by_cmd.setdefault(c.get("cmd"), []).append(c)

    mains = by_cmd.get("LC_MAIN", [])
    if len(mains) != 1:
        problems.append(f"{len(mains)} LC_MAIN commands (exactly one: dyld calls the entry through it)")
    if "LC_UNIXTHREAD" in by_cmd:
        problems.append("LC_UNIXTHREAD present: that is a static binary's entry, and macOS refuses static arm64 executables")
    dylinker = [c.get("name", "").split(" (offset")[0] for c in by_cmd.get("LC_LOAD_DYLINKER", [])]
    if dylinker != ["/usr/lib/dyld"]:
        problems.append(f"LC_LOAD_DYLINKER {dylinker or 'missing'}, expected /usr/lib/dyld")
    dylibs = [c.get("name", "").split(" (offset")[0] for c in by_cmd.get("LC_LOAD_DYLIB", [])]
    if "/usr/lib/libSystem.B.dylib" not in dylibs:
        problems.append(f"no LC_LOAD_DYLIB /usr/lib/libSystem.B.dylib (dyld refuses an executable without it); has {dylibs}")
    elif dylibs != ["/usr/lib/libSystem.B.dylib"]:
        problems.append(f"loads {dylibs}; only libSystem is expected")
    builds = by_cmd.get("LC_BUILD_VERSION", [])
    if len(builds) != 1:
        problems.append(f"{len(builds)} LC_BUILD_VERSION commands, expected one")
    else:
        b = builds[0]
        if b.get("platform") != "macos" or b.get("minos") != min_os:
            problems.append(f"LC_BUILD_VERSION platform {b.get('platform')} minos {b.get('minos')}, expected macos {min_os}")
        facts.append(f"LC_BUILD_VERSION {b.get('platform')} {b.get('minos')}")
    uuids = by_cmd.get("LC_UUID", [])
    if len(uuids) != 1 or set(uuids[0].get("uuid", "0").replace("-", "")) <= {"0"}:
        problems.append("no LC_UUID (or an all-zero one): crash reports and dyld need a UUID")
    else:
        facts.append("LC_UUID")
    facts.append("LC_LOAD_DYLINKER dyld, LC_LOAD_DYLIB libSystem")

    segments = {c.get("segname"): c for c in by_cmd.get("LC_SEGMENT_64", [])}
    zero = segments.get("__PAGEZERO")
    if not zero or int(zero["vmaddr"], 16) != 0 or int(zero["vmsize"], 16) < 0x100000000 or zero.get("initprot") != "---":
        problems.append("no __PAGEZERO covering the low 4 GiB with no access (XNU requires this hard page zero on arm64)")

    text_section = None
    for seg in segments.values():
        for s in seg["sections"]:
            if s.get("segname") == "__TEXT" and s.get("sectname") == "__text":
                text_section = s
    if mains and text_section:
        entry = int(segments["__TEXT"]["vmaddr"], 16) + int(mains[0]["entryoff"])
        start, size = int(text_section["addr"], 16), int(text_section["size"], 16)
        if not start <= entry < start + size:
            problems.append(f"LC_MAIN entry 0x{entry:x} is outside __TEXT,__text")
        symbols = {}
        for line in nm.run("--defined-only", path).splitlines():
            f = line.split()
            if len(f) == 3:
                symbols.setdefault(int(f[0], 16), f[2])
        want = ENTRY_SYMBOL[kind]
        got = symbols.get(entry, f"0x{entry:x}")
        if got != want:
            problems.append(f"LC_MAIN entry is {got}, expected {want}")
        facts.append(f"LC_MAIN -> {got}")

    signatures = by_cmd.get("LC_CODE_SIGNATURE", [])
    if signatures:
        desc, sig_problems = verify_code_signature(path, int(signatures[0]["dataoff"]), int(signatures[0]["datasize"]))
        problems += sig_problems
        if desc:
            facts.append(desc)
    elif arch["signature_required"]:
        problems.append("no LC_CODE_SIGNATURE: the macOS kernel kills unsigned arm64 code (link with -adhoc_codesign)")

    binds = objdump.run("--macho", "--bind", "--lazy-bind", "--weak-bind", path)
    imported = []
    for line in binds.splitlines():
        f = line.split()
        if len(f) >= 5 and f[0].startswith("__") and f[-1] not in ("symbol",):
            imported.append((f[-2], f[-1]))
    if kind == "raw" and imported:
        problems.append(f"a raw binary imports {[s for _, s in imported]}: it must call nothing in libSystem")
    for dylib, sym in imported:
        if dylib != "libSystem":
            problems.append(f"imports {sym} from {dylib}, not libSystem")
        elif sym not in tbd_symbols:
            problems.append(f"imports {sym}, which the libSystem stub does not declare")
    facts.append(f"imports: {len(imported) or 'none'}")

    insns = disassemble(objdump, path)
    trap_problems, calls, notes = (check_traps_arm64 if arch_name == "arm64" else check_traps_x86_64)(insns, syscalls)
    problems += trap_problems
    if not calls and not trap_problems:
        problems.append("no trap instruction at all in __TEXT,__text")
    counted = {}
    for c in calls:
        counted[c] = counted.get(c, 0) + 1
    trap = "svc #0x80 with x16" if arch_name == "arm64" else "syscall with rax = 0x2000000 + n"
    carry = "carry not checked" if any("no carry-flag check" in p for p in trap_problems) else "carry checked"
    facts.append(f"{len(calls)} traps ({trap}, {carry}): " + ", ".join(
        f"{c}{' x' + str(n) if n > 1 else ''}" for c, n in sorted(counted.items())))
    facts += [f"note: {n}" for n in notes]
    return problems, facts


def main():
    ap = argparse.ArgumentParser(description="static check of sysport's Darwin (Mach-O) binaries")
    ap.add_argument("--arch", required=True, choices=sorted(ARCH), help="the CPU (the record's darwin.arch)")
    ap.add_argument("--manifest", help="the target build's manifest.json: check every binary of every backend")
    ap.add_argument("--variant", help="with --manifest: check this broken variant's binaries (a self-test) instead")
    ap.add_argument("--binary", help="check this one binary instead")
    ap.add_argument("--kind", choices=sorted(ENTRY_SYMBOL), default="raw", help="with --binary: raw or libc")
    ap.add_argument("--min-os", default="11.0", help="the LC_BUILD_VERSION minimum expected (default 11.0)")
    ap.add_argument("--tables", default=os.path.join(ROOT, "tables", "darwin"))
    ap.add_argument("--libsystem", default=os.path.join(ROOT, "arch", "darwin-common", "libSystem.tbd"))
    ap.add_argument("--expect-fail", help="self-test: succeed only if the check fails with this text in a problem")
    ap.add_argument("--verbose", "-v", action="store_true", help="print what was verified for passing binaries too")
    args = ap.parse_args()
    if bool(args.manifest) == bool(args.binary):
        ap.error("give exactly one of --manifest and --binary")
    if args.variant and not args.manifest:
        ap.error("--variant needs --manifest")

    tools = (Tool(["llvm-objdump-14", "llvm-objdump"]), Tool(["llvm-nm-14", "llvm-nm"]))
    for t in tools:
        if not t.path:
            print(f"SKIP: {t.names[0]} not found: apt-get install llvm-14")
            return 77
    try:
        syscalls = load_syscall_table(args.tables)
        tbd_symbols = load_tbd_symbols(args.libsystem)
    except (OSError, RuntimeError, AttributeError) as e:
        print(f"check_macho: cannot read the tables or the libSystem stub: {e}", file=sys.stderr)
        return 2

    if args.manifest:
        try:
            manifest = json.load(open(args.manifest))
        except (OSError, ValueError) as e:
            print(f"check_macho: {e} (has the target been built?)", file=sys.stderr)
            return 2
        if args.variant:
            # A deliberately broken build of the raw backend (SYSPORT_SELFTESTS).
            variants = manifest.get("variants", {})
            if args.variant not in variants:
                print(f"check_macho: {args.manifest} has no variant {args.variant!r} "
                      f"(it has {sorted(variants) or 'none'})", file=sys.stderr)
                return 2
            binaries = [("raw", f"{args.variant}/{name}", path)
                        for name, path in sorted(variants[args.variant].items())]
        else:
            binaries = [(backend, f"{backend}/{name}", path) for backend, entries in manifest.get("binaries", {}).items()
                        for name, path in sorted(entries.items())]
    else:
        binaries = [(args.kind, f"{args.kind}/{os.path.basename(args.binary)}", args.binary)]
    target = manifest.get("target", args.arch) if args.manifest else args.arch
    if not binaries:
        what = f"binaries for variant {args.variant}" if args.variant else "binaries"
        print(f"FAIL: {args.manifest} lists no {what}: nothing was checked")
        return 1
    missing = [path for _, _, path in binaries if not os.path.exists(path)]
    if missing:
        # Not a failed check: there is nothing to check (and --expect-fail must not count it).
        for path in missing:
            print(f"check_macho: missing binary {path} (has the target been built?)", file=sys.stderr)
        return 2

    failed, all_problems = 0, []
    for kind, name, path in binaries:
        label = f"{target} {name}"
        try:
            problems, facts = check_binary(path, kind, args.arch, tools, syscalls, tbd_symbols, args.min_os)
        except RuntimeError as e:
            problems, facts = [str(e)], []
        all_problems += problems
        print(f"{label}: {'FAIL' if problems else 'ok'}")
        for p in problems:
            print(f"  problem: {p}")
        if args.verbose or problems:
            for f in facts:
                print(f"  {f}")
        failed += bool(problems)
    print(f"{len(binaries) - failed} of {len(binaries)} binaries pass the static check for {target}")

    if args.expect_fail:
        if failed and any(args.expect_fail in p for p in all_problems):
            print(f"as expected: the static check fails with \"{args.expect_fail}\"")
            return 0
        print(f"NOT CAUGHT: expected the static check to fail with \"{args.expect_fail}\"")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
