<!DOCTYPE qgis>
<!-- Service areas: roads reached from a depot within ac_minutes. -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="ac_minutes" graduatedMethod="GraduatedColor">
    <ranges>
      <range lower="0" upper="15" symbol="0" label="Within 15 min"/>
      <range lower="15" upper="30" symbol="1" label="15 to 30 min"/>
      <range lower="30" upper="60" symbol="2" label="30 to 60 min"/>
      <range lower="60" upper="120" symbol="3" label="1 to 2 h"/>
      <range lower="120" upper="1000000000" symbol="4" label="Over 2 h"/>
    </ranges>
    <symbols>
      <symbol type="line" name="0"><layer class="SimpleLine"><prop k="line_color" v="8,81,156,255"/><prop k="line_width" v="0.6"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="1"><layer class="SimpleLine"><prop k="line_color" v="49,130,189,255"/><prop k="line_width" v="0.6"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="2"><layer class="SimpleLine"><prop k="line_color" v="107,174,214,255"/><prop k="line_width" v="0.6"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="3"><layer class="SimpleLine"><prop k="line_color" v="189,215,231,255"/><prop k="line_width" v="0.6"/><prop k="capstyle" v="round"/></layer></symbol>
      <symbol type="line" name="4"><layer class="SimpleLine"><prop k="line_color" v="217,217,217,255"/><prop k="line_width" v="0.6"/><prop k="capstyle" v="round"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
