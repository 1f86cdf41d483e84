#pragma once

namespace swb {

// Drag payload of the palette: the componentKindId() of the block to create ("lambda").
constexpr const char *kComponentKindMime = "application/x-swb-component-kind";

// Clipboard payload of copy/paste: a UTF-8 JSON fragment (fragmentcodec.h) of the copied blocks
// and the wires between them. It travels through the system clipboard, so it also pastes into
// another window or document of the app.
constexpr const char *kDesignFragmentMime = "application/x-swb-design-fragment";

} // namespace swb
