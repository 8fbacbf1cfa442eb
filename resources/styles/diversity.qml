<!DOCTYPE qgis>
<!-- Path diversity of the sites (rd_divers 0, 1, 2). -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="rd_divers">
    <categories>
      <category value="0" symbol="0" label="No diversity: a single line cuts it"/>
      <category value="1" symbol="1" label="Line diversity: a node or shared-risk group cuts it"/>
      <category value="2" symbol="2" label="Full diversity"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="215,25,28,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="253,174,97,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
      <symbol type="marker" name="2"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="26,150,65,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
