<!DOCTYPE qgis>
<!-- Return period at which an asset first fails (rp_first, years): the more frequent, the darker; never: grey. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="coalesce(&quot;rp_first&quot;, 0)" graduatedMethod="GraduatedColor">
    <ranges>
      <range lower="0" upper="0" symbol="0" label="Never fails"/>
      <range lower="0" upper="10" symbol="1" label="Every 10 years or more often"/>
      <range lower="10" upper="30" symbol="2" label="Every 10 to 30 years"/>
      <range lower="30" upper="100" symbol="3" label="Every 30 to 100 years"/>
      <range lower="100" upper="300" symbol="4" label="Every 100 to 300 years"/>
      <range lower="300" upper="1000" symbol="5" label="Every 300 to 1000 years"/>
      <range lower="1000" upper="1000000000" symbol="6" label="Rarer than every 1000 years"/>
    </ranges>
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="189,189,189,255"/><prop k="line_width" v="0.25"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="1"><layer class="SimpleLine"><prop k="line_color" v="128,0,38,255"/><prop k="line_width" v="1.3"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="2"><layer class="SimpleLine"><prop k="line_color" v="189,0,38,255"/><prop k="line_width" v="1.1"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="3"><layer class="SimpleLine"><prop k="line_color" v="227,26,28,255"/><prop k="line_width" v="1.0"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="4"><layer class="SimpleLine"><prop k="line_color" v="252,78,42,255"/><prop k="line_width" v="0.9"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="5"><layer class="SimpleLine"><prop k="line_color" v="253,141,60,255"/><prop k="line_width" v="0.8"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="6"><layer class="SimpleLine"><prop k="line_color" v="254,217,118,255"/><prop k="line_width" v="0.7"/><prop k="capstyle" v="round"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
