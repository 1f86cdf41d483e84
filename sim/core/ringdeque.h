#pragma once
// A double-ended queue on a power-of-two ring buffer. Grows by doubling and never shrinks, so a
// queue that has reached its peak depth no longer allocates (memory follows the in-flight peak).

#include <cstddef>
#include <vector>

namespace swb::core {

template<typename T>
class RingDeque
{
public:
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    std::size_t capacity() const { return m_buf.size(); } // elements it holds before growing
    T &front() { return m_buf[m_head]; }
    const T &front() const { return m_buf[m_head]; }
    T &operator[](std::size_t i) { return m_buf[(m_head + i) & (m_buf.size() - 1)]; }
    const T &operator[](std::size_t i) const { return m_buf[(m_head + i) & (m_buf.size() - 1)]; }

    void pushBack(const T &v)
    {
        if (m_count == m_buf.size())
            grow();
        m_buf[(m_head + m_count) & (m_buf.size() - 1)] = v;
        ++m_count;
    }
    void pushFront(const T &v)
    {
        if (m_count == m_buf.size())
            grow();
        m_head = (m_head + m_buf.size() - 1) & (m_buf.size() - 1);
        m_buf[m_head] = v;
        ++m_count;
    }
    void popFront()
    {
        m_head = (m_head + 1) & (m_buf.size() - 1);
        --m_count;
    }
    void popFrontN(std::size_t n)
    {
        m_head = (m_head + n) & (m_buf.size() - 1);
        m_count -= n;
    }
    void popBack() { --m_count; }
    T &back() { return m_buf[(m_head + m_count - 1) & (m_buf.size() - 1)]; }

private:
    void grow()
    {
        std::vector<T> bigger(m_buf.empty() ? 8 : m_buf.size() * 2);
        for (std::size_t i = 0; i < m_count; ++i)
            bigger[i] = (*this)[i];
        m_buf.swap(bigger);
        m_head = 0;
    }

    std::vector<T> m_buf;
    std::size_t m_head = 0;
    std::size_t m_count = 0;
};

} // namespace swb::core
