// The parts of the portable API that are the same for every backend: transcript lines, a few
// string helpers and the report of an unsupported operation. Written against sp::write and
// sp::exit_group, which every backend has, so that it stays freestanding.
#include "sysport.h"

namespace sp {

Line::~Line() {
  static const char kCut[] = " [line cut]";
  if (cut_) {
    len_ = sizeof buf_ - sizeof kCut;
    for (size_t i = 0; i + 1 < sizeof kCut; ++i) buf_[len_++] = kCut[i];
  }
  buf_[len_++] = '\n';
  size_t done = 0;
  while (done < len_) {
    Result r = sp::write(fd_, buf_ + done, len_ - done);
    if (!r.ok() || r.value <= 0) break;  // nowhere left to report it: the harness sees the gap
    done += static_cast<size_t>(r.value);
  }
}

Line& Line::operator<<(const char* s) {
  if (!s) s = "(null)";
  while (*s) {
    if (len_ + 1 >= sizeof buf_) {  // keep one byte for the newline
      cut_ = true;
      break;
    }
    buf_[len_++] = *s++;
  }
  return *this;
}

Line& Line::operator<<(long v) {
  char digits[24];
  int n = 0;
  // Work in unsigned so that the most negative value does not overflow on negation.
  unsigned long u = v < 0 ? 0ul - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) digits[n++] = '-';
  char out[24];
  for (int i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  out[n] = '\0';
  return *this << static_cast<const char*>(out);
}

Line& Line::octal(unsigned long v) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + (v & 7));
    v >>= 3;
  } while (v);
  char out[26];
  int k = 0;
  out[k++] = '0';
  for (int i = n - 1; i >= 0; --i) out[k++] = digits[i];
  out[k] = '\0';
  return *this << static_cast<const char*>(out);
}

Line& Line::operator<<(const Result& r) { return *this << (r.ok() ? "ok" : r.error); }

void unsupported(const char* operation) {
  Line(2) << SP_UNSUPPORTED_MARKER << operation;
  exit_group(SP_UNSUPPORTED_EXIT_STATUS);
}

void report(const char* what, const Result& r) { Line() << what << ": " << r; }

void report_value(const char* what, const Result& r) {
  Line line;
  line << what << ": " << r;
  if (r.ok()) line << " " << r.value;
}

size_t length(const char* s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

bool equal(const char* a, const char* b) {
  while (*a && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

bool parse_long(const char* s, long* out) {
  bool negative = false;
  if (*s == '-') {
    negative = true;
    ++s;
  }
  if (!*s) return false;
  unsigned long v = 0;
  for (; *s; ++s) {
    if (*s < '0' || *s > '9') return false;
    const unsigned long next = v * 10 + static_cast<unsigned long>(*s - '0');
    if (next / 10 != v || next > static_cast<unsigned long>(~0ul >> 1)) return false;
    v = next;
  }
  *out = negative ? -static_cast<long>(v) : static_cast<long>(v);
  return true;
}

}  // namespace sp
