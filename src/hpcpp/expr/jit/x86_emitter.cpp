#include "hpcpp/expr/jit/x86_emitter.hpp"

#include <cstring>

namespace hpcpp::expr::x86 {

void Emitter::vex(int r, int x, int b, int map, int vvvv, bool wide, int pp) {
  byte(0xc4);
  byte((((r >> 3) & 1) ^ 1) << 7 | (((x >> 3) & 1) ^ 1) << 6 | (((b >> 3) & 1) ^ 1) << 5 | map);
  byte(((~vvvv & 15) << 3) | (wide ? 4 : 0) | pp);
}

void Emitter::rex_w(int reg, int rm) { byte(0x48 | ((reg >> 3) & 1) << 2 | ((rm >> 3) & 1)); }

void Emitter::modrm_indexed(int reg, Gpr base, Gpr index, int scale_bits) {
  // mod 00, rm 100: a SIB byte follows; scale 1 << scale_bits. No base here is rbp or r13
  // (which would mean "no base" in this form).
  byte(((reg & 7) << 3) | 4);
  byte((scale_bits << 6) | ((index & 7) << 3) | (base & 7));
}

void Emitter::compare(Predicate p, Width width, int dst, int a, int b) {
  vex(dst, 0, b, 1, a, width == Width::Packed, width == Width::Packed ? 1 : 3);
  byte(0xc2);
  modrm_registers(dst, b);
  byte(static_cast<unsigned>(p));
}

void Emitter::blend(int dst, int if_clear, int if_set, int mask) {
  vex(dst, 0, if_set, 3, if_clear, true, 1);
  byte(0x4b);
  modrm_registers(dst, if_set);
  byte(static_cast<unsigned>(mask) << 4);
}

void Emitter::move_mask(Gpr dst, int src, Width width) {
  vex(dst, 0, src, 1, 0, width == Width::Packed, 1);
  byte(0x50);
  modrm_registers(dst, src);
}

void Emitter::deposit_bits(Gpr dst, Gpr bits, Gpr mask) {
  vex(dst, 0, mask, 2, bits, false, 3);
  byte(0xf5);
  modrm_registers(dst, mask);
}

void Emitter::store_bytes(Width width, Gpr base, Gpr index, Gpr src) {
  const bool high = src >= 8 || base >= 8 || index >= 8;
  // A byte store of sil, dil (or any register with a REX prefix) needs the prefix too.
  if (high || width == Width::Scalar) byte(0x40 | ((src >> 3) & 1) << 2 | ((index >> 3) & 1) << 1 | ((base >> 3) & 1));
  byte(width == Width::Packed ? 0x89 : 0x88);
  modrm_indexed(src, base, index, 0);
}

void Emitter::arithmetic(VectorOp op, Width width, int dst, int a, int b) {
  const bool bitwise = op == VectorOp::And || op == VectorOp::AndNot || op == VectorOp::Or || op == VectorOp::Xor;
  const bool packed = width == Width::Packed;
  // Bitwise operations have no scalar form: the 128-bit packed one serves the low lane.
  const int pp = (packed || bitwise) ? 1 : 3;
  const int first = (op == VectorOp::Sqrt && packed) ? 0 : a;
  vex(dst, 0, b, 1, first, packed, pp);
  byte(static_cast<unsigned>(op));
  modrm_registers(dst, b);
}

void Emitter::move(int dst, int src) {
  vex(dst, 0, src, 1, 0, true, 1);
  byte(0x28);
  modrm_registers(dst, src);
}

void Emitter::load(Width width, int dst, Gpr base, Gpr index) {
  vex(dst, index, base, 1, 0, width == Width::Packed, width == Width::Packed ? 1 : 3);
  byte(0x10);
  modrm_indexed(dst, base, index);
}

void Emitter::store(Width width, Gpr base, Gpr index, int src) {
  vex(src, index, base, 1, 0, width == Width::Packed, width == Width::Packed ? 1 : 3);
  byte(0x11);
  modrm_indexed(src, base, index);
}

void Emitter::broadcast(int dst, Gpr base) {
  vex(dst, 0, base, 2, 0, true, 1);
  byte(0x19);
  if ((base & 7) == rsp) {
    byte(((dst & 7) << 3) | 4);
    byte(0x24);
  } else {
    byte(((dst & 7) << 3) | (base & 7));
  }
}

void Emitter::load_pointer(Gpr dst, Gpr base, int slot) {
  rex_w(dst, base);
  byte(0x8b);
  if (slot * 8 < 128) {
    byte(0x40 | ((dst & 7) << 3) | (base & 7));  // mod 01: 8-bit displacement
    byte(static_cast<unsigned>(slot * 8));
  } else {
    byte(0x80 | ((dst & 7) << 3) | (base & 7));  // mod 10: 32-bit displacement
    const std::int32_t disp = slot * 8;
    for (int k = 0; k < 4; ++k) byte(static_cast<unsigned>(disp >> (8 * k)) & 0xff);
  }
}

void Emitter::move_gpr(Gpr dst, Gpr src) {
  rex_w(src, dst);
  byte(0x89);
  modrm_registers(src, dst);
}

void Emitter::and_imm8(Gpr dst, std::int8_t value) {
  rex_w(0, dst);
  byte(0x83);
  modrm_registers(4, dst);
  byte(static_cast<std::uint8_t>(value));
}

void Emitter::add_imm8(Gpr dst, std::int8_t value) {
  rex_w(0, dst);
  byte(0x83);
  modrm_registers(0, dst);
  byte(static_cast<std::uint8_t>(value));
}

void Emitter::compare(Gpr a, Gpr b) {
  rex_w(b, a);
  byte(0x39);
  modrm_registers(b, a);
}

void Emitter::zero(Gpr dst) {
  if (dst >= 8) byte(0x45);
  byte(0x31);
  modrm_registers(dst, dst);
}

void Emitter::move_imm64(Gpr dst, std::uint64_t value) {
  rex_w(0, dst);
  byte(0xb8 + (dst & 7));
  for (int k = 0; k < 8; ++k) byte(static_cast<unsigned>(value >> (8 * k)) & 0xff);
}

void Emitter::push(Gpr r) {
  if (r >= 8) byte(0x41);
  byte(0x50 + (r & 7));
}

void Emitter::pop(Gpr r) {
  if (r >= 8) byte(0x41);
  byte(0x58 + (r & 7));
}

void Emitter::vzeroupper() {
  byte(0xc5);
  byte(0xf8);
  byte(0x77);
}

void Emitter::ret() { byte(0xc3); }

std::size_t Emitter::jump(unsigned condition) {
  byte(0x0f);
  byte(condition);
  const std::size_t at = code_.size();
  for (int k = 0; k < 4; ++k) byte(0);
  return at;
}

std::size_t Emitter::jump_if_greater_or_equal() { return jump(0x8d); }
std::size_t Emitter::jump_if_less() { return jump(0x8c); }

void Emitter::patch_to_here(std::size_t at) {
  const auto displacement = static_cast<std::int32_t>(code_.size() - (at + 4));
  std::memcpy(code_.data() + at, &displacement, 4);
}

void Emitter::jump_if_less_to(std::size_t target) {
  const std::size_t at = jump_if_less();
  const auto displacement = static_cast<std::int32_t>(static_cast<std::int64_t>(target) - static_cast<std::int64_t>(at + 4));
  std::memcpy(code_.data() + at, &displacement, 4);
}

}  // namespace hpcpp::expr::x86
