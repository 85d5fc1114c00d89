"""The consistency rules, for whole tables and for one user entry.

1. Shared numbering: syscalls added since Linux 5.1 (pidfd_send_signal, 424) have one number
   on every arch, plus the ABI's fixed offset (targets.txt new-nr-offset: 5000 on mips n64,
   110 on alpha...).  The number a name should have is what most ABIs say, so one wrong
   table, or one wrong entry, is outvoted and gets the expected value.
2. Same name, same number on ABIs that share a table: the asm-generic arches (arm64,
   riscv64, loongarch...), and the ABIs built from one syscall.tbl (x86_64/x32, s390/s390x,
   the powerpc, sparc, parisc and arm pairs) number a shared name alike, less their offset.
   private-syscalls.txt lists the names that belong to one ABI only, where the rule stops.
"""

import collections

from .model import SHARED_FIRST


class Finding:
    LEVELS = ("ok", "note", "warning", "error")

    def __init__(self, level, check, message, expected=None):
        assert level in self.LEVELS
        self.level = level
        self.check = check        # "shared numbering" / "same table" / "headers" / ...
        self.message = message
        self.expected = expected  # the number the entry should have had, when one is known

    def __repr__(self):
        return "%s: %s: %s" % (self.level, self.check, self.message)


def fmt(nr):
    return "0x%x" % nr if nr >= 0x10000 else str(nr)


class World:
    """Numbers known for (abi, name): the tables, and a user's other entries as evidence about
    names no table knows."""

    def __init__(self, tables, extra=()):
        self.tables = tables
        self.known = {abi: tables.syscalls(abi) for abi in tables.abis}
        self.extra = list(extra)  # [(abi, name, nr)]
        self._refs = {}

    def in_tables(self, name):
        return any(name in t for t in self.known.values())

    def shared_votes(self, name, skip=None):
        """asm-generic numbers G = nr - offset from every ABI that has `name`, G >= 424 or not.
        For a name no table has, the other entries for it count, those in the shared range
        only: a new syscall below it is wrong by rule 1 and must not make the others look
        wrong."""
        votes = collections.Counter()
        for abi, table in self.known.items():
            if abi != skip and name in table:
                votes[table[name] - self.tables.abis[abi].offset] += 1
        if not votes:
            for abi, n, nr in self.extra:
                if n == name and abi != skip and self.plausible(abi, nr):
                    votes[nr - self.tables.abis[abi].offset] += 1
        return votes

    def plausible(self, abi, nr):
        """Whether another entry for a name no table has can count as evidence: it must sit in
        the shared range (a new syscall below it is wrong by rule 1) on a slot no known
        syscall owns."""
        g = nr - self.tables.abis[abi].offset
        return g >= SHARED_FIRST and self.slot_owner(g) is None

    def shared_reference(self, name, skip=None):
        """(G, n_agree, n_total) when `name` is a shared-numbering syscall (most ABIs that have
        it number it 424+ after the offset), else None."""
        key = (name, skip)
        if key not in self._refs:  # check_tables asks this for 11k entries
            self._refs[key] = self._shared_reference(name, skip)
        return self._refs[key]

    def _shared_reference(self, name, skip):
        votes = self.shared_votes(name, skip)
        total = sum(votes.values())
        new = sum(c for g, c in votes.items() if g >= SHARED_FIRST)
        if total == 0 or new * 2 <= total:
            return None
        (g, agree), = votes.most_common(1)
        return g, agree, total

    def slot_owner(self, g, skip=None):
        """The shared-numbering syscall whose asm-generic number is g, if any."""
        owners = collections.Counter(n for abi, n in self.tables.generic_slots().get(g, ())
                                     if abi != skip)
        for n, _c in owners.most_common():
            ref = self.shared_reference(n, skip)
            if ref and ref[0] == g:
                return n
        return None

    def mates(self, abi, name):
        """[(other abi, its number for name)] over the ABIs sharing abi's table, where the name
        is shared (not private to either); the other entries count for names no table has."""
        out = []
        if name in self.tables.private.get(abi, ()):
            return out
        sharing = self.tables.sharing(abi)
        for b in sharing:
            if name in self.known[b] and name not in self.tables.private.get(b, ()):
                out.append((b, self.known[b][name]))
        if not out and not self.in_tables(name):
            # As in shared_votes: only the other entries that rule 1 does not reject.
            out = [(b, nr) for b, n, nr in self.extra if n == name and b in sharing
                   and self.plausible(b, nr)]
        return out


def check_shared(world, abi, name, nr):
    """Rule 1 for one (abi, name, nr); the other ABIs' numbers decide."""
    a = world.tables.abis[abi]
    g = nr - a.offset
    ref = world.shared_reference(name, skip=abi)
    first = SHARED_FIRST + a.offset
    if ref:
        want, agree, total = ref
        if not world.in_tables(name):
            # Evidence from the user's other entries only.
            others = ", ".join("%s %s" % (b, fmt(v)) for b, n, v in world.extra
                               if n == name and b != abi)
            if g == want:
                return Finding("ok", "shared numbering",
                               "consistent: %s = asm-generic %d + %s, as in your other entries (%s)"
                               % (fmt(nr), want, fmt(a.offset), others))
            return Finding("error", "shared numbering",
                           "your other entries put %s at asm-generic %d (%s), so %s on %s "
                           "(offset %s), not %s" % (name, want, others, fmt(want + a.offset), abi,
                                                    fmt(a.offset), fmt(nr)),
                           expected=want + a.offset)
        if g == want:
            return Finding("ok", "shared numbering",
                           "%s = asm-generic %d + %s, as on %d of %d other ABIs"
                           % (fmt(nr), want, fmt(a.offset), agree, total))
        return Finding("error", "shared numbering",
                       "%s is asm-generic %d on %d of %d other ABIs, so %s on %s (offset %s), not %s"
                       % (name, want, agree, total, fmt(want + a.offset), abi, fmt(a.offset),
                          fmt(nr)), expected=want + a.offset)
    votes = world.shared_votes(name, skip=abi)
    if votes:
        # An older syscall: per-arch numbers, except that it cannot sit in the shared range.
        if g >= SHARED_FIRST and name in world.tables.private.get(abi, ()):
            # x32's own rows 512-547 of syscall_64.tbl: numbered before the shared scheme
            # reached them; the tbl asks that no new syscall be put in that range.
            return Finding("ok", "shared numbering",
                           "%s is %s's own row of %s, outside the shared numbering"
                           % (name, abi, world.tables.abis[abi].source))
        if g >= SHARED_FIRST:
            return Finding("error", "shared numbering",
                           "%s is in the shared range (%s and up on %s is for syscalls added "
                           "since 5.1) but %s is older: %d other ABIs number it below %d"
                           % (fmt(nr), fmt(first), abi, name, sum(votes.values()), SHARED_FIRST))
        return Finding("ok", "shared numbering",
                       "%s predates the shared numbering (below %d each arch numbers its own)"
                       % (name, SHARED_FIRST))
    if g < SHARED_FIRST and name in world.tables.syscalls(abi):
        return Finding("ok", "shared numbering",
                       "%s is an older syscall only %s has (below %d each arch numbers its own)"
                       % (name, abi, SHARED_FIRST))
    # A name no other table knows and at 424+: an arch-only new syscall (x86's
    # map_shadow_stack) still takes its slot in the shared numbering.  A name no table knows
    # at all is newer than the tables, so it must be a shared one.
    if g >= SHARED_FIRST:
        owner = world.slot_owner(g, skip=abi)
        if owner:
            return Finding("error", "shared numbering",
                           "%s on %s is asm-generic %d, which is %s's number on every arch"
                           % (fmt(nr), abi, g, owner))
        return Finding("ok", "shared numbering",
                       "consistent: %s = asm-generic %d + %s, a slot no table uses"
                       % (fmt(nr), g, fmt(a.offset)))
    if nr >= SHARED_FIRST and a.offset:
        # Most likely the asm-generic number, written without this ABI's offset.
        return Finding("error", "shared numbering",
                       "a syscall the tables do not know is newer than them, numbered from %s "
                       "on %s (asm-generic number + %s): expected %s"
                       % (fmt(first), abi, fmt(a.offset), fmt(nr + a.offset)),
                       expected=nr + a.offset)
    return Finding("error", "shared numbering",
                   "a syscall the tables do not know is newer than them, numbered from %s on %s; "
                   "%s is below that" % (fmt(first), abi, fmt(nr)))


def check_same_table(world, abi, name, nr):
    """Rule 2 for one (abi, name, nr), or None when no ABI sharing abi's table has the name."""
    a = world.tables.abis[abi]
    mates = world.mates(abi, name)
    if not mates:
        return None
    votes = collections.Counter(v - world.tables.abis[b].offset for b, v in mates)
    (want, agree), = votes.most_common(1)
    who = ", ".join("%s %s" % (b, fmt(v)) for b, v in mates)
    if nr - a.offset == want:
        return Finding("ok", "same table", "%s as on the ABIs sharing %s (%s)"
                       % (fmt(nr), a.source, who))
    if len(votes) > 1 and agree * 2 <= len(mates):
        return Finding("error", "same table",
                       "the ABIs sharing %s disagree about %s (%s)" % (a.source, name, who))
    if len(mates) == 1:
        # Two ABIs and two numbers: nothing says which one is wrong; name both.
        return Finding("error", "same table",
                       "%s shares %s with %s, which has %s at %s (%s less its offset): one of "
                       "the two is wrong; expected %s here if %s is right"
                       % (abi, a.source, mates[0][0], name, fmt(mates[0][1]), fmt(want),
                          fmt(want + a.offset), mates[0][0]),
                       expected=want + a.offset)
    return Finding("error", "same table",
                   "%s is %s on the ABIs that share %s with %s (%s): expected %s"
                   % (name, fmt(want), a.source, abi, who, fmt(want + a.offset)),
                   expected=want + a.offset)


def check_tables(tables):
    """Both rules over every generated table: [(abi, name, nr, Finding)] for the problems."""
    world = World(tables)
    problems = []
    for abi in sorted(tables.abis):
        for name, nr in sorted(tables.syscalls(abi).items(), key=lambda kv: kv[1]):
            if name.startswith("ARM_"):
                continue  # arm's private calls: outside the numbered table on both arm ABIs
            f = check_shared(world, abi, name, nr)
            if f.level == "error":
                problems.append((abi, name, nr, f))
            f = check_same_table(world, abi, name, nr)
            if f is not None and f.level == "error":
                problems.append((abi, name, nr, f))
    return problems
