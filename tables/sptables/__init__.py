"""sysport's syscall-table validation: `./sysport tables ...` (tables/sysport-tables).

    model      the generated tables (tables/linux/), their index, and arch names
    rules      the consistency rules: shared numbering from 424, same name on shared tables
    headers    what a cross toolchain's <asm/unistd.h> says
    probe      running numbers on a target through sp-probe, natively or under QEMU
    entries    parsing ARCH:NAME=NUMBER and the verdict for one entry
    cli        the command line

Python 3 standard library only, like the generator.
"""
