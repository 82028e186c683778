#include "engine/query/planner/plan_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace mlkg::query {

namespace {

// Replaces each "#<slot>" with the slot's variable name.
std::string name_slots(const std::string& text, const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#' || i + 1 >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      out += text[i];
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    size_t slot = std::stoul(text.substr(i + 1, j - i - 1));
    out += slot < names.size() && !names[slot].empty() ? quote_cypher_name(names[slot]) : "anon_" + std::to_string(slot);
    i = j - 1;
  }
  return out;
}

// "  +Name details" at `depth`.
std::string line(int depth, const std::string& name, const std::string& raw_details,
                 const std::vector<std::string>& names) {
  std::string out(static_cast<size_t>(depth) * 2, ' ');
  out += '+';
  out += name;
  std::string details = name_slots(raw_details, names);
  // A folded constant (range(1, 5000)) can be long: a plan line stays readable.
  constexpr size_t kMaxDetails = 120;
  if (details.size() > kMaxDetails) {
    size_t cut = kMaxDetails;
    while (cut > 0 && (static_cast<unsigned char>(details[cut]) & 0xC0) == 0x80) --cut;  // not inside UTF-8
    details.resize(cut);
    details.append(3, '.');  // not += "...": g++ 12 warns (-Wrestrict)
  }
  if (!details.empty()) out += " " + details;
  return out;
}

void render_physical(const Operator& op, bool profile, int depth, const std::vector<std::string>& names,
                     std::string* out) {
  std::string text = line(depth, op.name(), op.details(), names);
  if (profile) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "  (rows: %llu, time: %.3f ms)", static_cast<unsigned long long>(op.rows()),
                  static_cast<double>(op.nanos()) / 1e6);
    text += buf;
  }
  *out += text + "\n";
  if (const Operator* nested = op.nested()) render_physical(*nested, profile, depth + 2, names, out);
  if (const Operator* in = op.input()) render_physical(*in, profile, depth + 1, names, out);
}

void render_logical(const LogicalOperator& op, int depth, const std::vector<std::string>& names, std::string* out) {
  std::string text = line(depth, logical_name(op), logical_details(op), names);
  // Estimates are rough: shown to two significant digits.
  const double rows = op.estimated_rows;
  char buf[64];
  if (rows >= 100) {
    const double scale = std::pow(10.0, std::floor(std::log10(rows)) - 1);
    std::snprintf(buf, sizeof buf, "  (estimated rows: %.0f)", std::round(rows / scale) * scale);
  } else {
    std::snprintf(buf, sizeof buf, "  (estimated rows: %.2g)", rows);
  }
  *out += text + buf + "\n";
  if (op.nested) render_logical(*op.nested, depth + 2, names, out);
  if (op.input) render_logical(*op.input, depth + 1, names, out);
}

}  // namespace

std::string render_logical_plan(const LogicalOperator& root, const std::vector<std::string>& slot_names) {
  std::string out;
  render_logical(root, 0, slot_names, &out);
  return out;
}

std::string render_plan(const Operator& root, bool profile, const std::vector<std::string>& slot_names) {
  std::string out;
  render_physical(root, profile, 0, slot_names, &out);
  return out;
}

}  // namespace mlkg::query
