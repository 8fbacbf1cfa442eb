<!DOCTYPE qgis>
<!-- Hazard levels 0-4 of hz_level: grey, then ColorBrewer YlOrRd (colour-blind safe). One ramp for every algorithm and the report. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="hz_level">
    <categories>
      <category value="0" symbol="0" label="Not exposed"/>
      <category value="1" symbol="1" label="Level 1 (low)"/>
      <category value="2" symbol="2" label="Level 2 (medium)"/>
      <category value="3" symbol="3" label="Level 3 (high)"/>
      <category value="4" symbol="4" label="Level 4 (very high)"/>
    </categories>
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="158,158,158,255"/><prop k="line_width" v="0.25"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="1"><layer class="SimpleLine"><prop k="line_color" v="242,193,46,255"/><prop k="line_width" v="0.6"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="2"><layer class="SimpleLine"><prop k="line_color" v="253,141,60,255"/><prop k="line_width" v="0.8"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="3"><layer class="SimpleLine"><prop k="line_color" v="227,26,28,255"/><prop k="line_width" v="1.0"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="4"><layer class="SimpleLine"><prop k="line_color" v="128,0,38,255"/><prop k="line_width" v="1.3"/><prop k="capstyle" v="round"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
