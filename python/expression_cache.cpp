#include "expression_cache.hpp"

#include <unordered_map>

namespace hpcpp::python {

CachedExpression::CachedExpression(std::string text) : text_(std::move(text)), names_(expr::names_used(text_)) {
  std::string compact;
  for (char c : text_)
    if (c != ' ' && c != '\t') compact += c;
  one_name_ = names_.size() == 1 && compact == names_[0];
}

std::shared_ptr<const expr::Program> CachedExpression::program_for(const std::vector<expr::DType>& types) {
  std::lock_guard lock(mutex_);
  for (const auto& [seen, program] : programs_)
    if (seen == types) return program;
  expr::Signature signature;
  for (std::size_t i = 0; i < names_.size(); ++i) signature.emplace(names_[i], types[i]);
  auto program = std::make_shared<const expr::Program>(expr::compile(text_, signature));
  if (programs_.size() == max_programs) programs_.erase(programs_.begin());
  programs_.emplace_back(types, program);
  return program;
}

std::shared_ptr<CachedExpression> cached_expression(std::string_view text) {
  constexpr std::size_t max_texts = 256;
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<CachedExpression>> texts;
  auto* cache = &texts;
  std::string key(text);
  {
    std::lock_guard lock(mutex);
    if (const auto it = cache->find(key); it != cache->end()) return it->second;
  }
  auto entry = std::make_shared<CachedExpression>(key);  // parsed outside the lock
  std::lock_guard lock(mutex);
  if (cache->size() >= max_texts) cache->clear();
  return cache->try_emplace(std::move(key), std::move(entry)).first->second;
}

}  // namespace hpcpp::python
