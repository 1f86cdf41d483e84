#include "core/eventqueue.h"

namespace swb::core {

void EventQueue::growRing()
{
    std::vector<Event> bigger(m_ring.size() * 2);
    for (std::size_t i = 0; i < m_ringCount; ++i)
        bigger[i] = m_ring[(m_ringHead + i) & (m_ring.size() - 1)];
    m_ring.swap(bigger);
    m_ringHead = 0;
}

} // namespace swb::core
