<!DOCTYPE qgis>
<!-- Single points of failure: premises cut if this element alone fails (rd_prem). -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="rd_prem" graduatedMethod="GraduatedColor">
    <ranges>
      <range lower="0" upper="0" symbol="0" label="No premises cut"/>
      <range lower="0" upper="10" symbol="1" label="1 to 10 premises cut"/>
      <range lower="10" upper="100" symbol="2" label="11 to 100 premises cut"/>
      <range lower="100" upper="1000" symbol="3" label="101 to 1000 premises cut"/>
      <range lower="1000" upper="1000000000" symbol="4" label="More than 1000 premises cut"/>
    </ranges>
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="189,189,189,255"/><prop k="line_width" v="0.25"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="1"><layer class="SimpleLine"><prop k="line_color" v="252,197,192,255"/><prop k="line_width" v="0.5"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="2"><layer class="SimpleLine"><prop k="line_color" v="247,104,161,255"/><prop k="line_width" v="0.8"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="3"><layer class="SimpleLine"><prop k="line_color" v="174,1,126,255"/><prop k="line_width" v="1.1"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="4"><layer class="SimpleLine"><prop k="line_color" v="73,0,106,255"/><prop k="line_width" v="1.5"/><prop k="capstyle" v="round"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
