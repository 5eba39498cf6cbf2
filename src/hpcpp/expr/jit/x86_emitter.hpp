#pragma once
// Encodes the few x86-64 instructions the expression compiler emits: AVX arithmetic on
// double-precision vectors (4 lanes, or the low lane only), loads and stores at
// base + index * 8, broadcasts, and the integer moves, compares and jumps of one loop.
#include <cstdint>
#include <vector>

namespace hpcpp::expr::x86 {

// General-purpose registers by their encoding number.
enum Gpr : std::uint8_t { rax = 0, rcx = 1, rdx = 2, rbx = 3, rsp = 4, rsi = 6, rdi = 7, r8 = 8, r9 = 9, r10 = 10, r11 = 11, r12 = 12 };

// The arithmetic of the AVX instructions emitted, by opcode (map 0F).
enum class VectorOp : std::uint8_t {
  Sqrt = 0x51, And = 0x54, AndNot = 0x55, Or = 0x56, Xor = 0x57, Add = 0x58, Mul = 0x59, Sub = 0x5c, Div = 0x5e
};

// vcmppd predicates with C's answers for NaN: only != holds when an operand is NaN.
enum class Predicate : std::uint8_t { Eq = 0x00, Lt = 0x01, Le = 0x02, Ne = 0x04, Ge = 0x0d, Gt = 0x0e, True = 0x0f };

class Emitter {
 public:
  // Packed (4 lanes, ymm) or scalar (low lane, xmm) forms of the vector instructions.
  enum class Width { Packed, Scalar };

  // dst = a (op) b. Sqrt ignores `a` in the packed form, reads b; And, AndNot, Or, Xor are
  // always packed bitwise operations (of the width asked for).
  void arithmetic(VectorOp op, Width width, int dst, int a, int b);
  void move(int dst, int src);                          // vmovapd ymm, ymm
  // dst = all-ones lanes where a (predicate) b, zeros elsewhere.
  void compare(Predicate p, Width width, int dst, int a, int b);
  void blend(int dst, int if_clear, int if_set, int mask);  // vblendvpd: mask's sign bit picks
  void move_mask(Gpr dst, int src, Width width);            // vmovmskpd: one bit a lane
  void deposit_bits(Gpr dst, Gpr bits, Gpr mask);           // pdep (BMI2)
  // [base + index] = the low 4 bytes (Packed) or the low byte (Scalar) of src.
  void store_bytes(Width width, Gpr base, Gpr index, Gpr src);
  void load(Width width, int dst, Gpr base, Gpr index);  // dst = [base + index*8]
  void store(Width width, Gpr base, Gpr index, int src);
  void broadcast(int dst, Gpr base);  // vbroadcastsd ymm, [base]

  void load_pointer(Gpr dst, Gpr base, int slot);      // dst = ((void**)base)[slot]
  void move_gpr(Gpr dst, Gpr src);                     // mov dst, src
  void and_imm8(Gpr dst, std::int8_t value);           // and dst, value
  void add_imm8(Gpr dst, std::int8_t value);           // add dst, value
  void compare(Gpr a, Gpr b);                          // cmp a, b
  void zero(Gpr dst);                                  // xor dst32, dst32
  void move_imm64(Gpr dst, std::uint64_t value);       // mov dst, value
  void push(Gpr r);
  void pop(Gpr r);
  void vzeroupper();
  void ret();

  // Jumps with 32-bit displacements: a forward jump is patched once its target is known.
  std::size_t jump_if_greater_or_equal();  // returns the patch position
  std::size_t jump_if_less();
  void patch_to_here(std::size_t at);
  void jump_if_less_to(std::size_t target);
  std::size_t here() const { return code_.size(); }

  const std::vector<std::uint8_t>& code() const { return code_; }

 private:
  void byte(unsigned b) { code_.push_back(static_cast<std::uint8_t>(b)); }
  // VEX prefix (3-byte form): r, x, b are the high bits of ModRM.reg, SIB.index, ModRM.rm
  // or SIB.base; map 1 = 0F, 2 = 0F38; pp 1 = 66, 3 = F2.
  void vex(int r, int x, int b, int map, int vvvv, bool wide, int pp);
  void rex_w(int reg, int rm);
  void modrm_registers(int reg, int rm) { byte(0xc0 | ((reg & 7) << 3) | (rm & 7)); }
  void modrm_indexed(int reg, Gpr base, Gpr index, int scale_bits = 3);
  std::size_t jump(unsigned condition);

  std::vector<std::uint8_t> code_;
};

}  // namespace hpcpp::expr::x86
