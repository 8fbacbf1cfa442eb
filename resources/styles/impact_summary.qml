<!DOCTYPE qgis>
<!-- Premises cut off per area (im_prem_c). -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="graduatedSymbol" attr="im_prem_c" graduatedMethod="GraduatedColor">
    <ranges>
      <range lower="0" upper="0" symbol="0" label="No premises cut off"/>
      <range lower="0" upper="100" symbol="1" label="1 to 100 premises cut off"/>
      <range lower="100" upper="1000" symbol="2" label="101 to 1000 premises cut off"/>
      <range lower="1000" upper="1000000000" symbol="3" label="More than 1000 premises cut off"/>
    </ranges>
    <symbols>
      <symbol type="fill" name="0"><layer class="SimpleFill"><prop k="color" v="255,255,255,0"/><prop k="outline_color" v="80,80,80,255"/><prop k="outline_width" v="0.2"/></layer></symbol>
      <symbol type="fill" name="1"><layer class="SimpleFill"><prop k="color" v="254,224,210,200"/><prop k="outline_color" v="80,80,80,255"/><prop k="outline_width" v="0.2"/></layer></symbol>
      <symbol type="fill" name="2"><layer class="SimpleFill"><prop k="color" v="252,146,114,200"/><prop k="outline_color" v="80,80,80,255"/><prop k="outline_width" v="0.2"/></layer></symbol>
      <symbol type="fill" name="3"><layer class="SimpleFill"><prop k="color" v="203,24,29,200"/><prop k="outline_color" v="80,80,80,255"/><prop k="outline_width" v="0.2"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
