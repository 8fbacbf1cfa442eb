<!DOCTYPE qgis>
<!-- Network nodes: connected to a root or not (tp_rooted). -->
<qgis version="3.22" styleCategories="Symbology|Labeling">
  <renderer-v2 type="categorizedSymbol" attr="tp_rooted">
    <categories>
      <category value="1" symbol="0" label="Connected to a root"/>
      <category value="0" symbol="1" label="Not connected to any root"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="99,99,99,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="1.2"/></layer></symbol>
      <symbol type="marker" name="1"><layer class="SimpleMarker"><prop k="name" v="circle"/><prop k="color" v="215,25,28,255"/><prop k="outline_color" v="255,255,255,255"/><prop k="outline_width" v="0.2"/><prop k="size" v="2.2"/></layer></symbol>
    </symbols>
  </renderer-v2>
</qgis>
