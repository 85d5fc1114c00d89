// Results kept between harness invocations (one JSON file per cell under the results
// directory), and what is made from them: the target x case table and the comparison of
// one case's transcripts across targets.
#pragma once

#include <string>
#include <vector>

#include "harness/cell.h"
#include "harness/config.h"

namespace sysport {

void save_result(const std::string& results_dir, const CellResult& result);
// Results for every target x case of the configuration that has a file; missing ones omitted.
std::vector<CellResult> load_results(const std::string& results_dir);

// The matrix as a table, with a numbered note for every SKIP and FAIL reason.
std::string format_table(const Config& config, const std::vector<CellResult>& results);

struct CrossTargetReport {
  Status status = Status::Skip;
  std::string text;
};
// Every target that ran `case_name` must have printed the same transcript, run by run.
CrossTargetReport compare_across_targets(const std::string& case_name, const std::vector<CellResult>& results);

}  // namespace sysport
