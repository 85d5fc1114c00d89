"""What a toolchain's kernel headers say: the __NR_* of <asm/unistd.h>, read the way
tables/check-headers.py reads them (cc -E -dM, then each macro expanded), through the same
code.  For an ABI with a Debian cross compiler installed, that compiler and its sysroot;
otherwise Debian's linux-libc-dev-<arch>-cross headers with the host cpp and the
generator's predefines for the ABI."""

import importlib.util
import os
import re
import shutil

from .model import HERE


def _load_check_headers():
    spec = importlib.util.spec_from_file_location("check_headers",
                                                  os.path.join(HERE, "check-headers.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CH = _load_check_headers()
GEN = CH.GEN


class Headers:
    def __init__(self, abi, syscalls, where, version):
        self.abi = abi
        self.syscalls = syscalls  # name -> number (ARM private calls as ARM_<name>)
        self.where = where        # "aarch64-linux-gnu-gcc <asm/unistd.h>"
        self.version = version    # "Linux 6.1.4" or ""

    def describe(self):
        return "%s%s" % (self.where, " (%s)" % self.version if self.version else "")


class NoHeaders(Exception):
    """This ABI's headers are not available here; the message says why and how to get them."""


def _how(abi):
    """(cc, cflags, description) for reading abi's headers, or raise NoHeaders.  cc is "cpp"
    when it reads Debian's bare cross headers (check-headers.py --include)."""
    if not abi.triple:
        raise NoHeaders("Debian 12 has no cross headers for %s" % abi.name)
    cc = abi.triple + "-gcc"
    if shutil.which(cc):
        return cc, [], "%s <asm/unistd.h>" % cc
    inc = _include_dir(abi)
    gen_abi = {a.name: a for a in GEN.ABIS}.get(abi.name)
    if gen_abi and os.path.exists(os.path.join(inc, "asm", "unistd.h")):
        return "cpp", CH.include_cflags(gen_abi, [inc]), "%s/asm/unistd.h" % inc
    raise NoHeaders("neither %s nor %s/asm/unistd.h is installed: %s"
                    % (cc, inc, CH.apt_hint(cc)))


def _include_dir(abi):
    return "/usr/%s/include" % abi.triple


def check_headers_args(abi):
    """check-headers.py's --cc or --include for the headers read() reads; raises NoHeaders."""
    cc, _flags, _where = _how(abi)
    return ["--include", _include_dir(abi)] if cc == "cpp" else ["--cc", cc]


_cache = {}


def read(abi):
    """Headers for a model.Abi (cached per run); raises NoHeaders."""
    if abi.name in _cache:
        return _cache[abi.name]
    cc, flags, where = _how(abi)
    try:
        values = CH.header_syscalls(cc, flags)
        version = ""
        code = CH.values(cc, flags, "#include <linux/version.h>", ["LINUX_VERSION_CODE"])
    except CH.Skip as e:
        raise NoHeaders(str(e))
    except RuntimeError as e:
        raise NoHeaders("could not read them: %s" % str(e).splitlines()[0])
    c = code.get("LINUX_VERSION_CODE")
    if c:
        # KERNEL_VERSION(a, b, c) = (a << 16) + (b << 8) + min(c, 255)
        version = "Linux %d.%d.%d" % (c >> 16, (c >> 8) & 0xff, c & 0xff)
    syscalls = {n: v for n, v in values.items() if v is not None}
    h = Headers(abi.name, syscalls, where, version)
    _cache[abi.name] = h
    return h


def constant(abi, header, name):
    """The value of macro `name` from <header> for a model.Abi, or None if unavailable."""
    try:
        cc, flags, _where = _how(abi)
        out = CH.run_cc(cc, flags, '#include <%s>\nSP_CONSTANT_MARK = %s ;\n' % (header, name),
                        dm=False)
    except (NoHeaders, CH.Skip, RuntimeError):
        return None
    m = re.search(r"^\s*SP_CONSTANT_MARK = (.*) ;\s*$", out, re.M)
    if not m:
        return None
    # ioctl numbers are built with character constants: _IO('f', 1).
    expr = re.sub(r"'(\\?.)'", lambda c: str(ord(c.group(1)[-1])), m.group(1))
    return GEN.c_int(expr)
