cmake_minimum_required(VERSION 3.20)
# Reads one record, as the build does: cmake -DSOURCE_DIR=<source> -DRECORD=<path> -P read_record.cmake
include("${SOURCE_DIR}/cmake/SysportRecords.cmake")
sysport_read_record("${RECORD}" R)
message(STATUS "read ${R_TARGET}")
