// A uPlot chart in a component: made when the component mounts, resized with its box, fed new data, destroyed
// with it. uPlot draws on a canvas, which knows no CSS variables: the theme's colors are read from the page, as
// computed colors of elements styled with the tokens (styles.css, .kea-chart-* and .log-chart-*). uPlot's own sizes
// and positions are element styles set through the CSSOM, which the page's CSP allows; its stylesheet is a file.
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { onBeforeUnmount, onMounted, type Ref } from 'vue'

/** The computed color of an element given one of the theme's color classes. */
export function themeColor(host: HTMLElement, className: string): string {
  const probe = document.createElement('span')
  probe.className = className
  host.append(probe)
  const color = getComputedStyle(probe).color
  probe.remove()
  return color
}

/** An axis in the theme's text and grid colors. */
export function themedAxis(host: HTMLElement): uPlot.Axis {
  const grid = themeColor(host, 'kea-chart-grid')
  return { stroke: themeColor(host, 'kea-chart-text'), grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } }
}

/** Mounts a chart in `host`; setData() redraws it with new data. */
export function useUplot(host: Ref<HTMLElement | null>, height: number, options: (element: HTMLElement, width: number) => uPlot.Options, data: () => uPlot.AlignedData) {
  let chart: uPlot | null = null
  let resizing: ResizeObserver | null = null
  onMounted(() => {
    const element = host.value!
    chart = new uPlot({ ...options(element, element.clientWidth), height }, data(), element)
    resizing = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height }))
    resizing.observe(element)
  })
  onBeforeUnmount(() => {
    resizing?.disconnect()
    chart?.destroy()
    chart = null
  })
  return { setData: () => chart?.setData(data()) }
}
